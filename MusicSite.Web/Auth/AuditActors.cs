using MusicSite.Accounts;
using MusicSite.Admin;

namespace MusicSite.Web.Auth;

/// <summary>The audit log's actor for a request: the signed-in user, the client's address and its user agent.</summary>
public static class AuditActors
{
    public static AuditActor ForAudit(this HttpContext context) =>
        new(context.User.UserId(), context.User.DisplayName() is { Length: > 0 } name ? name : "anonymous",
            context.Connection.RemoteIpAddress?.ToString(), context.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null);
}
