from django.urls import path

from core import views

urlpatterns = [
    path("notifications/", views.notification_list, name="notification_list"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("text-size/", views.set_text_size, name="set_text_size"),
    path("healthz/", views.healthz, name="healthz"),
]
