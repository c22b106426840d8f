using MusicSite.Blog;

namespace MusicSite.Web.Components.Pages.Admin.Blog;

/// <summary>A post's state in words, with its time: never colour alone.</summary>
public static class BlogStateNames
{
    public static string Of(BlogPostState state) => state switch
    {
        BlogPostState.Draft => "Draft",
        BlogPostState.Scheduled => "Scheduled",
        _ => "Published",
    };
}
