using Microsoft.Extensions.Options;
using MusicSite.Accounts;
using MusicSite.Hosting;

namespace MusicSite.Web.Auth;

/// <summary>Absolute links for account mail: the configured public address, else the current request's.</summary>
public sealed class AccountLinks(IHttpContextAccessor accessor, IOptions<MusicSiteOptions> options) : IAccountLinks
{
    public string ConfirmEmail(int userId, string code) =>
        $"{BaseUrl()}/account/confirm-email?userId={userId}&code={Uri.EscapeDataString(code)}";

    public string ResetPassword(string email, string code) =>
        $"{BaseUrl()}/account/reset-password?email={Uri.EscapeDataString(email)}&code={Uri.EscapeDataString(code)}";

    private string BaseUrl()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl))
        {
            return options.Value.PublicBaseUrl.TrimEnd('/');
        }
        var request = accessor.HttpContext?.Request
                      ?? throw new InvalidOperationException("Account links need a request or MusicSite:PublicBaseUrl.");
        return $"{request.Scheme}://{request.Host}{request.PathBase}";
    }
}
