using MusicSite.Accounts;
using MusicSite.Web.Hosting;

namespace MusicSite.Web.Auth;

/// <summary>
/// Absolute links for account mail. They start with the site's own address (<see cref="SiteAddress"/>), never
/// with anything the request says about itself: a forged <c>Host</c> header must not send a victim's reset
/// code to another site.
/// </summary>
public sealed class AccountLinks(SiteAddress site) : IAccountLinks
{
    public string ConfirmEmail(int userId, string code) =>
        $"{site.BaseUrl}/account/confirm-email?userId={userId}&code={Uri.EscapeDataString(code)}";

    public string ResetPassword(string email, string code) =>
        $"{site.BaseUrl}/account/reset-password?email={Uri.EscapeDataString(email)}&code={Uri.EscapeDataString(code)}";
}
