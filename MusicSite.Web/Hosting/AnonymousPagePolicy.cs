using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;
using MusicSite.Live;
using MusicSite.Web.Auth;
using MusicSite.Web.Components.Pages.Events;

namespace MusicSite.Web.Hosting;

/// <summary>
/// The one rule of what the page cache keeps and serves (decision 0045). Only pages marked <see cref="CachedPageAttribute"/>,
/// only GET and HEAD, only for a visitor with no sign-in cookie and no Authorization header; only a 200 that set no
/// cookie and made no form token. The key is the address (the path and the query string exactly as sent), the htmx headers that
/// change the answer, the visitor's time zone on zoned pages, and <see cref="ContentVersion"/>: a change saved on this
/// node moves the version, so no page rendered before it is served after it.
/// </summary>
internal sealed class AnonymousPagePolicy(PageCacheOptions settings) : IOutputCachePolicy
{
    /// <summary>htmx asks with these, and pages answer them differently (HX-Push-Url, history restores).</summary>
    private static readonly StringValues HtmxHeaders = new(["HX-Request", "HX-Boosted", "HX-History-Restore-Request"]);

    private readonly TimeSpan _duration = TimeSpan.FromSeconds(Math.Max(1, settings.DurationSeconds));

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        if (http.GetEndpoint()?.Metadata.GetMetadata<CachedPageAttribute>() is not { } page)
        {
            context.EnableOutputCaching = false;
            return ValueTask.CompletedTask;
        }
        var cacheable = IsReadOnly(http.Request) && IsAnonymous(http);
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        // One render per key at a time: the others wait for it instead of rendering the same page.
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = _duration;
        var vary = context.CacheVaryByRules;
        // The query string exactly as sent: a page reads the first of repeated parameters, so two orders are two pages.
        vary.VaryByValues["query"] = http.Request.QueryString.Value ?? "";
        vary.HeaderNames = HtmxHeaders;
        vary.VaryByValues["content"] = http.RequestServices.GetRequiredService<ContentVersion>().Current.ToString(CultureInfo.InvariantCulture);
        if (page.Zoned)
        {
            vary.VaryByValues["zone"] = EventDisplay.VisitorZone(http)?.Id ?? "";
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        context.HttpContext.Response.Headers[PageCache.Header] = "hit";
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        if (http.Response.StatusCode != StatusCodes.Status200OK
            || !StringValues.IsNullOrEmpty(http.Response.Headers.SetCookie)
            || FormTokenMark.Made(http)
            || !IsAnonymous(http))
        {
            context.AllowCacheStorage = false;
        }
        return ValueTask.CompletedTask;
    }

    private static bool IsReadOnly(HttpRequest request) => HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);

    /// <summary>Anyone who sends a sign-in cookie (even one that no longer signs in) or an Authorization header is
    /// treated as signed in: their pages are never read from or written to the cache.</summary>
    private static bool IsAnonymous(HttpContext http)
    {
        if (http.User.Identity?.IsAuthenticated == true || !StringValues.IsNullOrEmpty(http.Request.Headers.Authorization))
        {
            return false;
        }
        foreach (var cookie in http.Request.Cookies.Keys)
        {
            if (cookie.StartsWith(AuthSetup.CookieName, StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }
}
