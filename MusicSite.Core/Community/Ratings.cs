using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MusicSite.Admin;
using MusicSite.Catalog;
using MusicSite.Common;
using MusicSite.Data;
using MusicSite.Notifications;

namespace MusicSite.Community;

/// <summary>
/// The one owner of the rules for rating a track: a score from 1 to 5 with an optional review (plain text, trimmed,
/// at most <see cref="Rating.ReviewMaxLength"/> characters); one rating per listener and track; only tracks the
/// listener may see and that are ready; never one's own track. A second rating of the same track is
/// <see cref="ErrorCodes.RatingExists"/>, also when two arrive at once (the unique index decides). The uploader is
/// told through <see cref="Notifier"/>, without the review's text. A listener removes their own rating; an admin
/// removes any (moderation of reviews); every removal is audited. (<see cref="RatingBoard"/> reads them.)
/// </summary>
public sealed class Ratings(MusicSiteDbContext db, TrackCatalog catalog, Notifier notifier, AuditLog audit, TimeProvider time)
{
    public const string ScoreMessage = "Choose a score: a whole number from 1 to 5.";
    public const string OwnTrackMessage = "This is your own track. Ratings are for listeners, so artists cannot rate their own tracks.";
    public static readonly string ReviewLengthMessage = $"A review is at most {Rating.ReviewMaxLength} characters.";

    /// <summary>A score is a whole number from 1 to 5.</summary>
    public static bool IsScore(int score) => score is >= Rating.MinScore and <= Rating.MaxScore;

    /// <summary>Checks <paramref name="input"/>: its score, and its review trimmed (empty is none).</summary>
    public static (int Score, string? Review) Check(RatingInput input, FieldErrors errors)
    {
        if (input.Score is not { } score || !IsScore(score))
        {
            errors.Add("score", ScoreMessage);
        }
        var review = string.IsNullOrWhiteSpace(input.Review) ? null : input.Review.Trim();
        if (review is { Length: > Rating.ReviewMaxLength })
        {
            errors.Add("review", ReviewLengthMessage);
        }
        TextRules.CheckMultiLine(review, "review", errors);
        return (input.Score ?? 0, review);
    }

    /// <summary>Rates a track for the first time. Answers the new rating, or TRACK_NOT_FOUND (not visible to the
    /// viewer, deleted or not ready), OWN_TRACK, field errors, or RATING_EXISTS.</summary>
    public async Task<ServiceResult<RatingView>> CreateAsync(int trackId, RatingInput input, Viewer viewer, CancellationToken cancellationToken)
    {
        var (track, score, review, refused) = await AcceptAsync(trackId, input, viewer, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }
        var userId = viewer.UserId!.Value;
        if (await db.Ratings.AnyAsync(r => r.UserId == userId && r.TrackId == trackId, cancellationToken))
        {
            return Exists();
        }
        var now = time.GetUtcNow().UtcDateTime;
        var rating = new Rating { UserId = userId, TrackId = trackId, Score = score, Review = review, CreatedAt = now, UpdatedAt = now };
        db.Ratings.Add(rating);
        await NotifyAsync(track!, userId, score, review is not null, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is SqliteException { SqliteErrorCode: 19 })
        {
            // Another request of the same listener saved its rating between the check and this insert.
            db.ChangeTracker.Clear();
            return Exists();
        }
        return ServiceResult<RatingView>.Ok(await ViewAsync(rating.Id, cancellationToken));
    }

    /// <summary>Changes the viewer's rating of a track: RATING_NOT_FOUND when they have none. The uploader is told
    /// again only when the review's text changed to a new, non-empty text.</summary>
    public async Task<ServiceResult<RatingView>> UpdateAsync(int trackId, RatingInput input, Viewer viewer, CancellationToken cancellationToken)
    {
        var (track, score, review, refused) = await AcceptAsync(trackId, input, viewer, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }
        var userId = viewer.UserId!.Value;
        var rating = await db.Ratings.FirstOrDefaultAsync(r => r.UserId == userId && r.TrackId == trackId, cancellationToken);
        if (rating is null)
        {
            return Missing();
        }
        if (review is not null && review != rating.Review)
        {
            await NotifyAsync(track!, userId, score, hasReview: true, cancellationToken);
        }
        rating.Score = score;
        rating.Review = review;
        rating.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return ServiceResult<RatingView>.Ok(await ViewAsync(rating.Id, cancellationToken));
    }

    /// <summary>Removes the viewer's own rating of a track (RATING_NOT_FOUND when they have none). A track they may
    /// no longer see is TRACK_NOT_FOUND; its ratings go when the track is purged.</summary>
    public async Task<ServiceResult<bool>> DeleteAsync(int trackId, Viewer viewer, AuditActor actor, CancellationToken cancellationToken)
    {
        if (viewer.UserId is not { } userId)
        {
            return ServiceResult<bool>.Invalid("user", "Sign in first.", ErrorCodes.Unauthorized);
        }
        if (!await catalog.Visible(viewer).AnyAsync(t => t.Id == trackId, cancellationToken))
        {
            return ServiceResult<bool>.Invalid("track", "No track has this id.", ErrorCodes.TrackNotFound);
        }
        var rating = await db.Ratings.FirstOrDefaultAsync(r => r.UserId == userId && r.TrackId == trackId, cancellationToken);
        return rating is null
            ? ServiceResult<bool>.Invalid("rating", "You have not rated this track.", ErrorCodes.RatingNotFound)
            : await RemoveAsync(rating, actor, cancellationToken);
    }

    /// <summary>An admin removes rating <paramref name="ratingId"/> (a review that breaks the rules): RATING_NOT_FOUND
    /// when there is none, UNAUTHORIZED_ACCESS for anyone but an admin.</summary>
    public async Task<ServiceResult<bool>> DeleteByIdAsync(int ratingId, Viewer viewer, AuditActor actor, CancellationToken cancellationToken)
    {
        if (!viewer.IsAdmin)
        {
            return ServiceResult<bool>.Invalid("rating", "Only an admin can remove someone else's rating.", ErrorCodes.UnauthorizedAccess);
        }
        var rating = await db.Ratings.FirstOrDefaultAsync(r => r.Id == ratingId, cancellationToken);
        return rating is null
            ? ServiceResult<bool>.Invalid("rating", "No rating has this id.", ErrorCodes.RatingNotFound)
            : await RemoveAsync(rating, actor, cancellationToken);
    }

    private async Task<ServiceResult<bool>> RemoveAsync(Rating rating, AuditActor actor, CancellationToken cancellationToken)
    {
        audit.Record(actor, "rating.delete", "Rating", rating.Id,
            new { rating.TrackId, rating.UserId, rating.Score, rating.Review, rating.CreatedAt }, null);
        db.Ratings.Remove(rating);
        await db.SaveChangesAsync(cancellationToken);
        return ServiceResult<bool>.Ok(true);
    }

    /// <summary>Why the viewer may not rate the track, or nothing: TRACK_NOT_FOUND unless it is visible to them and
    /// ready, OWN_TRACK when they uploaded it.</summary>
    public async Task<string?> RefusalAsync(int trackId, Viewer viewer, CancellationToken cancellationToken) =>
        (await RateableAsync(trackId, viewer, cancellationToken)).Refused?.Code;

    private sealed record RateableTrack(int Id, string Title, int UploaderId);

    /// <summary>What a create and an update both check first: the track may be rated by the viewer, and the input
    /// holds a score and an acceptable review.</summary>
    private async Task<(RateableTrack? Track, int Score, string? Review, ServiceResult<RatingView>? Refused)> AcceptAsync(
        int trackId, RatingInput input, Viewer viewer, CancellationToken cancellationToken)
    {
        var (track, refused) = await RateableAsync(trackId, viewer, cancellationToken);
        if (refused is not null)
        {
            return (track, 0, null, refused);
        }
        var errors = new FieldErrors();
        var (score, review) = Check(input, errors);
        return errors.Any ? (track, 0, null, ServiceResult<RatingView>.Invalid(errors)) : (track, score, review, null);
    }

    private async Task<(RateableTrack? Track, ServiceResult<RatingView>? Refused)> RateableAsync(int trackId, Viewer viewer,
        CancellationToken cancellationToken)
    {
        if (viewer.UserId is not { } userId)
        {
            return (null, ServiceResult<RatingView>.Invalid("user", "Sign in first.", ErrorCodes.Unauthorized));
        }
        var track = await catalog.Visible(viewer).AsNoTracking()
            .Where(t => t.Id == trackId && t.State == TrackState.Ready)
            .Select(t => new RateableTrack(t.Id, t.Title, t.UploaderId))
            .FirstOrDefaultAsync(cancellationToken);
        if (track is null)
        {
            return (null, ServiceResult<RatingView>.Invalid("track", "No track has this id.", ErrorCodes.TrackNotFound));
        }
        return track.UploaderId == userId
            ? (track, ServiceResult<RatingView>.Invalid("track", OwnTrackMessage, ErrorCodes.OwnTrack))
            : (track, null);
    }

    /// <summary>Tells the uploader in words that name the listener, the track and the score, never the review.</summary>
    private async Task NotifyAsync(RateableTrack track, int actorId, int score, bool hasReview, CancellationToken cancellationToken)
    {
        var actor = await db.Users.Where(u => u.Id == actorId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken) ?? "Someone";
        var (kind, text) = hasReview
            ? (NotificationKind.ReviewReceived, $"{actor} reviewed your track “{track.Title}” and gave it {score} out of 5.")
            : (NotificationKind.RatingReceived, $"{actor} rated your track “{track.Title}” {score} out of 5.");
        notifier.Add(track.UploaderId, kind, actorId, text, $"/tracks/{track.Id}#ratings");
    }

    private Task<RatingView> ViewAsync(int ratingId, CancellationToken cancellationToken) =>
        RatingBoard.Views(db.Ratings.AsNoTracking().Where(r => r.Id == ratingId)).SingleAsync(cancellationToken);

    private static ServiceResult<RatingView> Exists() =>
        ServiceResult<RatingView>.Invalid("rating", "You have already rated this track; change your rating instead.", ErrorCodes.RatingExists);

    private static ServiceResult<RatingView> Missing() =>
        ServiceResult<RatingView>.Invalid("rating", "You have not rated this track.", ErrorCodes.RatingNotFound);
}
