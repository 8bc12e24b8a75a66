from django.contrib import admin

from accounts.models import UserSession
from accounts.services import session_end


# Sessions of logged-in users, for ending one from the back office (a lost laptop): deleting
# a row ends its session. Rows come from logins only, so there is no add or change form.
@admin.register(UserSession)
class UserSessionAdmin(admin.ModelAdmin):
    list_display = ("user", "user_agent", "ip", "created", "last_seen")
    list_filter = ("last_seen",)
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    search_fields = ("user__username", "ip")
    date_hierarchy = "last_seen"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        session_end(user=obj.user, pk=obj.pk)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            session_end(user=obj.user, pk=obj.pk)
