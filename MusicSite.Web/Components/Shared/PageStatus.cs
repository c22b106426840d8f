using Microsoft.AspNetCore.Diagnostics;

namespace MusicSite.Web.Components.Shared;

/// <summary>
/// A page that answers an error status with content of its own (a deleted track's 410 page): the status is set
/// and status-code re-execution is turned off for this response, so the page's own laid-out text is the answer.
/// (A plain 404 goes through NavigationManager.NotFound and the shared /error page instead.)
/// </summary>
public static class PageStatus
{
    public static void AnswerWithOwnContent(HttpContext? context, int status)
    {
        if (context is not { Response.HasStarted: false })
        {
            return;
        }
        context.Response.StatusCode = status;
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
        }
    }

    /// <summary>Answers 301 to <paramref name="location"/> (a local address) instead of the page.</summary>
    public static void RedirectPermanently(HttpContext? context, string location)
    {
        AnswerWithOwnContent(context, StatusCodes.Status301MovedPermanently);
        if (context is { Response.HasStarted: false })
        {
            context.Response.Headers.Location = location;
        }
    }
}
