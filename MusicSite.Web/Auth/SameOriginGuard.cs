using Microsoft.AspNetCore.Antiforgery;
using MusicSite.Common;
using MusicSite.Web.Api;
using MusicSite.Web.Hosting;

namespace MusicSite.Web.Auth;

/// <summary>
/// Cross-site request forgery on the API. A browser attaches the sign-in cookie to any request it sends to
/// MusicSite, whichever site made it send it. So an unsafe API method (POST, PUT, PATCH, DELETE) signed in by
/// the cookie must prove that MusicSite's own pages sent it, by one of:
/// <list type="bullet">
/// <item><c>Sec-Fetch-Site: same-origin</c> (or <c>none</c>: the user typed it), which browsers set and pages cannot;</item>
/// <item>an <c>Origin</c> equal to the site's own origin (the request's, or the configured public address);</item>
/// <item>a valid antiforgery token in the <c>RequestVerificationToken</c> header.</item>
/// </list>
/// Otherwise it is refused with 403 <see cref="ErrorCodes.CrossSiteRequest"/> before any handler runs. Bearer
/// tokens are never sent by a browser on its own, and anonymous requests act for no one: both pass untouched.
/// The site's own forms (outside /api) are guarded by the antiforgery middleware instead.
/// </summary>
public sealed class SameOriginGuard(RequestDelegate next, IAntiforgery antiforgery, SiteAddress siteAddress)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!ApiProblems.IsApiRequest(request) || IsSafe(request.Method) || AuthSetup.HasBearerToken(request)
            || context.User.Identity?.IsAuthenticated != true || await IsSameOriginAsync(context))
        {
            await next(context);
            return;
        }
        await ApiProblems.Problem(ErrorCodes.CrossSiteRequest,
                detail: "Signed in by cookie, an API change must come from this site's pages. Other clients sign in for a bearer token.")
            .ExecuteAsync(context);
    }

    private static bool IsSafe(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);

    private async Task<bool> IsSameOriginAsync(HttpContext context)
    {
        var headers = context.Request.Headers;
        var fetchSite = headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0)
        {
            // Browsers that send it tell the truth; any other value (same-site, cross-site) is another site's page.
            if (fetchSite is "same-origin" or "none")
            {
                return true;
            }
        }
        else if (headers.Origin.ToString() is { Length: > 0 } origin && siteAddress.IsOwnOrigin(origin, context.Request))
        {
            return true;
        }
        // Only a token in the header: reading a form here would buffer an upload's whole body.
        return headers.ContainsKey(AntiforgeryHeader) && await antiforgery.IsRequestValidAsync(context);
    }

    /// <summary>The header that carries the antiforgery token (configured in AddMusicSite).</summary>
    public const string AntiforgeryHeader = "RequestVerificationToken";
}
