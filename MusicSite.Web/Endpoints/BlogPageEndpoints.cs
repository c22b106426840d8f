using Microsoft.AspNetCore.Mvc;
using MusicSite.Blog;
using MusicSite.Web.Auth;

namespace MusicSite.Web.Endpoints;

/// <summary>Behind the blog pages: the Atom feed, and the admins' live preview of a post being written (a POST of
/// the editor's form that answers the rendered HTML fragment; htmx swaps it in while the author types).</summary>
public static class BlogPageEndpoints
{
    public const string PreviewPath = "/admin/blog/preview";

    public static IEndpointRouteBuilder MapBlogPageEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(Api.BlogUrls.Feed, BlogFeed.GetAsync).ExcludeFromDescription().RequireRateLimiting(RateLimits.Reads);
        // Binding a form field makes the framework check the antiforgery token; the editor's form carries it.
        app.MapPost(PreviewPath, Preview).ExcludeFromDescription().RequireAuthorization(Policies.Admin)
            .RequireRateLimiting(RateLimits.Edits);
        return app;
    }

    private static IResult Preview([FromForm] string? markdown) =>
        TypedResults.Content(PreviewFragment(markdown ?? ""), "text/html; charset=utf-8");

    /// <summary>The preview as the post page shows the body, in the element htmx swaps (#blog-preview-body); the HTML
    /// is <see cref="BlogMarkdown"/>'s, safe as it is.</summary>
    public static string PreviewFragment(string markdown) =>
        "<div id=\"blog-preview-body\" data-testid=\"blog-preview\">" + (markdown.Length > BlogPost.MarkdownMaxLength
            ? "<p class=\"empty\">The post is too long to preview.</p>"
            : string.IsNullOrWhiteSpace(markdown)
                ? "<p class=\"empty\">Nothing to preview yet.</p>"
                : $"<div class=\"prose\">{BlogMarkdown.ToHtml(markdown)}</div>") + "</div>";
}
