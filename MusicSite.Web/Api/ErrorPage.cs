using System.Net;

namespace MusicSite.Web.Api;

/// <summary>
/// A bare HTML page for answers written outside the Razor pipeline (an unexpected exception, the rate
/// limiter, a failed form post), styled by the site's stylesheet and safe to show to anyone.
/// </summary>
public static class ErrorPage
{
    public static Task WriteAsync(HttpContext context, string title, string message, CancellationToken cancellationToken = default)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        var t = WebUtility.HtmlEncode(title);
        var m = WebUtility.HtmlEncode(message);
        // The same icon every Razor page links (App.razor), so an error answer has the site's tab icon too.
        var icon = WebUtility.HtmlEncode(context.RequestServices.GetService<Hosting.StaticAssets>()?.Url("/favicon.svg") ?? "/favicon.svg");
        return context.Response.WriteAsync($"""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{t} · MusicSite</title><link rel="icon" href="{icon}" type="image/svg+xml"><link rel="stylesheet" href="/css/site.css"></head>
            <body><main id="main" class="wrap"><h1>{t}</h1><p>{m}</p><p><a href="/">Back to the home page</a></p></main></body></html>
            """, cancellationToken);
    }

    /// <summary>Status pages for non-GET page requests, which cannot be re-executed as a page.</summary>
    public static Task WriteStatusAsync(HttpContext context) =>
        context.Response.StatusCode switch
        {
            StatusCodes.Status400BadRequest => WriteAsync(context, "That request could not be understood",
                "The form may have expired. Go back, reload the page and try again."),
            StatusCodes.Status404NotFound => WriteAsync(context, "Page not found", "There is nothing at this address."),
            StatusCodes.Status403Forbidden => WriteAsync(context, "Not allowed", "Your account cannot do this."),
            _ => WriteAsync(context, "Something went wrong", "Please try again in a moment."),
        };
}
