using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace MusicSite.Catalog;

/// <summary>A page's row before its details: its id and its sort key (for the cursors next to the page).</summary>
internal sealed class PageRow
{
    public int Id { get; set; }
    public DateTime Time { get; set; }
    public string? Text { get; set; }
    public double? Real { get; set; }
    public long Number { get; set; }
}

/// <summary>
/// The one owner of the catalog's sort orders (every order but relevance): the key of each sort, then the id in the
/// same direction, so pages never overlap or skip; and the keyset seek that starts a page after (or before) a row.
/// Each order is one of the list indexes read forwards or backwards (<see cref="ListedTrackIndexes"/>).
/// </summary>
internal static class TrackOrder
{
    public static IOrderedQueryable<Track> Apply(IQueryable<Track> tracks, TrackSort sort, bool descending) => sort switch
    {
        TrackSort.UpdatedAt => Order(tracks, t => t.UpdatedAt, descending),
        TrackSort.Title => Order(tracks, t => EF.Functions.Collate(t.Title, "NOCASE"), descending),
        TrackSort.Artist => Order(tracks, t => EF.Functions.Collate(t.ArtistName, "NOCASE"), descending),
        TrackSort.Duration => Order(tracks, t => t.DurationSeconds, descending),
        TrackSort.Plays => Order(tracks, t => t.PlayCount, descending),
        TrackSort.Likes => Order(tracks, t => t.LikeCount, descending),
        TrackSort.Popularity => Order(tracks, t => t.PlayCount + 2 * t.DownloadCount + 3 * t.LikeCount, descending),
        _ => Order(tracks, t => t.CreatedAt, descending),
    };

    /// <summary>The id and sort key of each row, for <see cref="KeyOf"/>.</summary>
    public static Expression<Func<Track, PageRow>> Row(TrackSort sort) => sort switch
    {
        TrackSort.UpdatedAt => t => new PageRow { Id = t.Id, Time = t.UpdatedAt },
        TrackSort.Title => t => new PageRow { Id = t.Id, Text = t.Title },
        TrackSort.Artist => t => new PageRow { Id = t.Id, Text = t.ArtistName },
        TrackSort.Duration => t => new PageRow { Id = t.Id, Real = t.DurationSeconds },
        TrackSort.Plays => t => new PageRow { Id = t.Id, Number = t.PlayCount },
        TrackSort.Likes => t => new PageRow { Id = t.Id, Number = t.LikeCount },
        TrackSort.Popularity => t => new PageRow { Id = t.Id, Number = t.PlayCount + 2 * t.DownloadCount + 3 * t.LikeCount },
        _ => t => new PageRow { Id = t.Id, Time = t.CreatedAt },
    };

    public static SortKey KeyOf(TrackSort sort, PageRow row) => SortKey.KindOf(sort) switch
    {
        SortKeyKind.Text => new SortKey(SortKeyKind.Text, Text: row.Text ?? ""),
        SortKeyKind.Real => row.Real is { } real ? new SortKey(SortKeyKind.Real, Real: real) : new SortKey(SortKeyKind.Null),
        SortKeyKind.Number => new SortKey(SortKeyKind.Number, Number: row.Number),
        _ => new SortKey(SortKeyKind.Time, Time: row.Time),
    };

    /// <summary>The rows strictly past the cursor's row in a scan in this direction (descending: smaller keys, then
    /// smaller ids among equal keys). SQLite orders NULL first, so a descending scan ends with the tracks of no length.</summary>
    public static IQueryable<Track> Seek(IQueryable<Track> tracks, TrackSort sort, bool scanDescending, TrackCursor cursor) => sort switch
    {
        TrackSort.UpdatedAt => Seek(tracks, t => t.UpdatedAt, cursor.Key.Time, false, cursor.Id, scanDescending),
        TrackSort.Title => Seek(tracks, t => EF.Functions.Collate(t.Title, "NOCASE"), cursor.Key.Text, false, cursor.Id, scanDescending),
        TrackSort.Artist => Seek(tracks, t => EF.Functions.Collate(t.ArtistName, "NOCASE"), cursor.Key.Text, false, cursor.Id, scanDescending),
        TrackSort.Duration => Seek(tracks, t => t.DurationSeconds, cursor.Key.Kind == SortKeyKind.Null ? null : cursor.Key.Real,
            true, cursor.Id, scanDescending),
        TrackSort.Plays => Seek(tracks, t => t.PlayCount, (int)cursor.Key.Number, false, cursor.Id, scanDescending),
        TrackSort.Likes => Seek(tracks, t => t.LikeCount, (int)cursor.Key.Number, false, cursor.Id, scanDescending),
        TrackSort.Popularity => Seek(tracks, t => t.PlayCount + 2 * t.DownloadCount + 3 * t.LikeCount, (int)cursor.Key.Number, false,
            cursor.Id, scanDescending),
        _ => Seek(tracks, t => t.CreatedAt, cursor.Key.Time, false, cursor.Id, scanDescending),
    };

    private static IOrderedQueryable<Track> Order<TKey>(IQueryable<Track> tracks, Expression<Func<Track, TKey>> key, bool descending) =>
        descending ? tracks.OrderByDescending(key).ThenByDescending(t => t.Id) : tracks.OrderBy(key).ThenBy(t => t.Id);

    private static readonly System.Reflection.MethodInfo Compare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;

    private static IQueryable<Track> Seek<TKey>(IQueryable<Track> tracks, Expression<Func<Track, TKey>> key, TKey value, bool nullable,
        int id, bool descending)
    {
        var track = key.Parameters[0];
        var k = key.Body;
        // Through a closure, so EF sends parameters (one cached plan) rather than literals.
        var v = Expression.Property(Expression.Constant(new Box<TKey>(value)), nameof(Box<TKey>.Value));
        var idValue = Expression.Property(Expression.Constant(new Box<int>(id)), nameof(Box<int>.Value));
        var trackId = Expression.Property(track, nameof(Track.Id));
        var isString = typeof(TKey) == typeof(string);
        Expression Cmp(Func<Expression, Expression, BinaryExpression> op, Expression a, Expression b) =>
            isString ? op(Expression.Call(Compare, a, b), Expression.Constant(0)) : op(a, b);
        var past = descending ? (Func<Expression, Expression, BinaryExpression>)Expression.LessThan : Expression.GreaterThan;
        var pastOrAt = descending ? (Func<Expression, Expression, BinaryExpression>)Expression.LessThanOrEqual : Expression.GreaterThanOrEqual;
        var nullKey = nullable ? Expression.Constant(null, typeof(TKey)) : null!;
        Expression body;
        if (nullable && value is null)
        {
            // From a row of no key: the rest of the NULLs, then (ascending) every row with a key.
            var restOfNulls = Expression.AndAlso(Expression.Equal(k, nullKey), past(trackId, idValue));
            body = descending ? restOfNulls : Expression.OrElse(restOfNulls, Expression.NotEqual(k, nullKey));
        }
        else
        {
            var after = Expression.OrElse(Cmp(past, k, v), Expression.AndAlso(Expression.Equal(k, v), past(trackId, idValue)));
            // The redundant bound (key <= value) lets SQLite start the index range at the cursor.
            body = Expression.AndAlso(Cmp(pastOrAt, k, v), after);
            if (nullable && descending)
            {
                body = Expression.OrElse(body, Expression.Equal(k, nullKey));
            }
        }
        return tracks.Where(Expression.Lambda<Func<Track, bool>>(body, track));
    }

    private sealed class Box<T>(T value)
    {
        public T Value { get; } = value;
    }
}
