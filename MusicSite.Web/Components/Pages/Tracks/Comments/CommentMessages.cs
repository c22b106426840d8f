using MusicSite.Common;

namespace MusicSite.Web.Components.Pages.Tracks.Comments;

/// <summary>What the comment forms say when <c>Comments</c> refuses: one sentence per error code.</summary>
public static class CommentMessages
{
    public static string For(string? code) => code switch
    {
        ErrorCodes.Unauthorized => "Sign in to comment.",
        ErrorCodes.UnauthorizedAccess => "You may not change this comment.",
        ErrorCodes.CommentNotFound => "That comment is gone: it may have been deleted.",
        ErrorCodes.TrackNotFound => "This track cannot take comments now.",
        _ => "The comment is not posted yet: see below.",
    };
}
