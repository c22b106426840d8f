using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using MusicSite.Accounts;
using MusicSite.Common;
using MusicSite.Community;
using MusicSite.Web.Auth;

namespace MusicSite.Web.Endpoints;

/// <summary>
/// The track page's rating forms (no JavaScript needed): POST /tracks/{id}/rating rates, or changes the rating the
/// listener already has; POST /tracks/{id}/rating/delete removes it. Both redirect back to the page's ratings
/// section with <c>?rating=</c> naming the outcome (<see cref="TrackRatingOutcomes"/>). The rules are <see cref="Ratings"/>'.
/// </summary>
public static class TrackRatingEndpoints
{
    public static IEndpointRouteBuilder MapTrackRatingEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/tracks/{id:int}/rating").ExcludeFromDescription().RequireAuthorization().RequireRateLimiting(RateLimits.Edits);
        group.MapPost("", SaveAsync);
        group.MapPost("/delete", DeleteAsync).RequireFormToken();
        return app;
    }

    // [FromForm] makes the framework check the antiforgery token.
    private static async Task<IResult> SaveAsync(int id, [FromForm] string? score, [FromForm] string? review, ClaimsPrincipal user,
        Ratings ratings, CancellationToken cancellationToken)
    {
        var input = new RatingInput(int.TryParse(score, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null, review);
        var viewer = user.AsViewer();
        var result = await ratings.CreateAsync(id, input, viewer, cancellationToken);
        if (result.Code == ErrorCodes.RatingExists)
        {
            result = await ratings.UpdateAsync(id, input, viewer, cancellationToken);
        }
        return result.Code switch
        {
            null => Back(id, TrackRatingOutcomes.Saved),
            ErrorCodes.TrackNotFound => TypedResults.NotFound(),
            ErrorCodes.OwnTrack => Back(id, TrackRatingOutcomes.OwnTrack),
            _ when result.Errors.For("score").Count > 0 => Back(id, TrackRatingOutcomes.BadScore),
            _ when result.Errors.For("review").Contains(Ratings.ReviewLengthMessage) => Back(id, TrackRatingOutcomes.ReviewTooLong),
            _ when result.Errors.For("review").Count > 0 => Back(id, TrackRatingOutcomes.ReviewText),
            _ => Back(id, TrackRatingOutcomes.Failed),
        };
    }

    private static async Task<IResult> DeleteAsync(int id, HttpContext context, Ratings ratings, CancellationToken cancellationToken)
    {
        var result = await ratings.DeleteAsync(id, context.User.AsViewer(), context.ForAudit(), cancellationToken);
        return result.Code switch
        {
            null => Back(id, TrackRatingOutcomes.Deleted),
            ErrorCodes.RatingNotFound => Back(id, TrackRatingOutcomes.NotRated),
            _ => TypedResults.NotFound(),
        };
    }

    private static IResult Back(int trackId, string outcome) => TypedResults.LocalRedirect($"/tracks/{trackId}?rating={outcome}#ratings");
}

/// <summary>The outcomes of the rating forms as the page names them in <c>?rating=</c>, and the sentence for each.</summary>
public static class TrackRatingOutcomes
{
    public const string Saved = "saved";
    public const string Deleted = "deleted";
    public const string OwnTrack = "own-track";
    public const string BadScore = "score";
    public const string ReviewTooLong = "review-length";
    public const string ReviewText = "review-text";
    public const string NotRated = "not-rated";
    public const string Failed = "failed";

    /// <summary>Whether the outcome is good news, and its sentence; null for no (or an unknown) outcome.</summary>
    public static (bool Ok, string Text)? Describe(string? outcome) => outcome switch
    {
        Saved => (true, "Your rating is saved."),
        Deleted => (true, "Your rating is deleted."),
        OwnTrack => (false, Ratings.OwnTrackMessage),
        BadScore => (false, Ratings.ScoreMessage),
        ReviewTooLong => (false, Ratings.ReviewLengthMessage + " Your rating was not saved."),
        ReviewText => (false, "The review holds characters that are not allowed in text. Your rating was not saved."),
        NotRated => (false, "You had not rated this track."),
        Failed => (false, "Your rating could not be saved. Try again."),
        _ => null,
    };
}
