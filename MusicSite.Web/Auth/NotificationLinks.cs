using MusicSite.Notifications;
using MusicSite.Web.Hosting;

namespace MusicSite.Web.Auth;

/// <summary>Absolute links for notification mail, under the site's own address (<see cref="SiteAddress"/>) like
/// account mail links.</summary>
public sealed class NotificationLinks(SiteAddress site) : INotificationLinks
{
    public string Absolute(string localPath) => site.BaseUrl + localPath;
}
