namespace MusicSite.Web.Hosting;

/// <summary>
/// The security headers of every response: pages, API answers, media, static files and errors. Registered
/// first and applied in <see cref="HttpResponse.OnStarting(Func{object, Task}, object)"/>, so answers written
/// later by the exception handler, the status-code pages or the rate limiter carry them too.
/// </summary>
/// <remarks>
/// An HTML document gets <see cref="PagePolicy"/>: scripts and styles from the site's own files only, no inline
/// script, no framing. Everything else (JSON, audio, images, downloads) gets <see cref="MediaPolicy"/>: a
/// sandbox that runs nothing, so a file that a browser might still render as a document (a polyglot upload,
/// say) has no origin to act in.
/// </remarks>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; " +
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public const string MediaPolicy = "sandbox; default-src 'none'; frame-ancestors 'none'";

    /// <summary>Links to other sites learn nothing (share tokens live in query strings); the site itself sees its own paths.</summary>
    public const string ReferrerPolicy = "same-origin";

    /// <summary>Browser features the site never uses, refused for it and anything it embeds.</summary>
    public const string PermissionsPolicy =
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(Apply, context.Response);
        return next(context);
    }

    private static Task Apply(object state)
    {
        var response = (HttpResponse)state;
        var headers = response.Headers;
        headers.ContentSecurityPolicy = IsHtml(response.ContentType) ? PagePolicy : MediaPolicy;
        headers.XContentTypeOptions = "nosniff";
        // Antiforgery's SAMEORIGIN is switched off (AddMusicSite), so this is the only answer a browser sees.
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = ReferrerPolicy;
        headers["Permissions-Policy"] = PermissionsPolicy;
        return Task.CompletedTask;
    }

    private static bool IsHtml(string? contentType) =>
        contentType is not null && contentType.StartsWith("text/html", StringComparison.OrdinalIgnoreCase);
}
