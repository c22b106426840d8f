using MusicSite.Accounts;
using MusicSite.Contact;

namespace MusicSite.Web.Auth;

/// <summary>The sender of a contact message as the request shows it: the signed-in user (if any), the client's
/// address (after the trusted proxy's forwarded header) and its user agent.</summary>
public static class ContactSenders
{
    public static ContactSender Of(HttpContext context) =>
        new(context.User.UserId(), context.Connection.RemoteIpAddress?.ToString(),
            context.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null);
}
