namespace MusicSite.Community;

/// <summary>What a listener sends: a score (null when missing or unreadable) and optional review text.</summary>
public sealed record RatingInput(int? Score, string? Review);

/// <summary>Who wrote a rating, as others see them.</summary>
public sealed record RatingAuthor(int Id, string DisplayName);

/// <summary>One rating as the track's ratings list shows it. <see cref="Review"/> is plain text, never HTML.</summary>
public sealed record RatingView(int Id, int TrackId, int Score, string? Review, RatingAuthor User, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>The track a rating of "my ratings" is about.</summary>
public sealed record RatedTrack(int Id, string Title, string ArtistName);

/// <summary>One of the caller's own ratings, with its track.</summary>
public sealed record MyRatingView(int Id, int Score, string? Review, RatedTrack Track, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>How many ratings gave one score.</summary>
public sealed record RatingBucket(int Score, int Count);

/// <summary>A track's ratings at a glance: the average (rounded to one decimal; null without ratings), the count,
/// and how many gave each score, 1 to 5 in that order.</summary>
public sealed record RatingSummary(double? Average, int Count, IReadOnlyList<RatingBucket> Distribution)
{
    /// <summary>The share of all ratings that gave <paramref name="score"/>, 0 to 100 (whole percent).</summary>
    public int PercentOf(int score)
    {
        var count = Distribution.FirstOrDefault(b => b.Score == score)?.Count ?? 0;
        return Count == 0 ? 0 : (int)Math.Round(100.0 * count / Count, MidpointRounding.AwayFromZero);
    }
}

/// <summary>One page of a track's ratings, newest first, with the total.</summary>
public sealed record RatingPage(IReadOnlyList<RatingView> Items, int Total);

/// <summary>One page of the caller's own ratings, newest first, with the total.</summary>
public sealed record MyRatingPage(IReadOnlyList<MyRatingView> Items, int Total);
