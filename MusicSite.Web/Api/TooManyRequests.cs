using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using MusicSite.Common;

namespace MusicSite.Web.Api;

/// <summary>The one way MusicSite says "too fast": 429, Retry-After, and the same words on pages and in the API.</summary>
public static class TooManyRequests
{
    public const string Title = "Too many requests.";

    public static string Detail(int seconds) => $"Wait {seconds} seconds, then try again.";

    /// <summary>The page's message; sets the status and Retry-After of the page being rendered.</summary>
    public static string ForPage(HttpContext context, TimeSpan retryAfter)
    {
        var seconds = Mark(context, retryAfter);
        return $"{Title} {Detail(seconds)}";
    }

    /// <summary>The API's answer; sets Retry-After on the response it will be written to.</summary>
    public static ProblemHttpResult ForApi(HttpContext context, TimeSpan retryAfter) =>
        ApiProblems.Problem(ErrorCodes.RateLimited, Title, Detail(Mark(context, retryAfter)));

    /// <summary>A whole page of its own, for answers that have no page to show the message in.</summary>
    public static Task WritePageAsync(HttpContext context, TimeSpan retryAfter, CancellationToken cancellationToken) =>
        ErrorPage.WriteAsync(context, Title, Detail(Mark(context, retryAfter)), cancellationToken);

    /// <summary>Sets the status and Retry-After; returns the whole seconds to wait (at least 1).</summary>
    public static int Mark(HttpContext context, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return seconds;
    }
}
