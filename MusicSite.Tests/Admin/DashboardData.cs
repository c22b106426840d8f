using Microsoft.EntityFrameworkCore;
using MusicSite.Accounts;
using MusicSite.Attribution;
using MusicSite.Catalog;
using MusicSite.Data;
using MusicSite.Genres;

namespace MusicSite.Tests.Admin;

/// <summary>Rows for the dashboard's tests, made straight in the database with the times and states a test needs.</summary>
internal static class DashboardData
{
    /// <summary>A Wednesday: the week started on Monday 14 December, the month on 1 December (UTC).</summary>
    public static readonly DateTimeOffset Now = new(2026, 12, 16, 10, 0, 0, TimeSpan.Zero);

    public static DateTime Utc(int month, int day, int hour = 0, int minute = 0, int second = 0) =>
        new(2026, month, day, hour, minute, second, DateTimeKind.Utc);

    public static async Task<AppUser> UserAsync(MusicSiteDbContext db, string name)
    {
        var user = new AppUser
        {
            UserName = $"{name}-{Guid.NewGuid():N}@example.com", Email = $"{name}-{Guid.NewGuid():N}@example.com",
            DisplayName = name, CreatedAt = DateTime.UtcNow,
        };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user;
    }

    public static async Task<Track> TrackAsync(MusicSiteDbContext db, int uploaderId, string title, TrackState state = TrackState.Ready,
        DateTime? createdAt = null, bool isPublic = true, DateTime? deletedAt = null, params int[] genreIds)
    {
        var license = await db.Licenses.FirstOrDefaultAsync(l => l.Code == "cc-by")
                      ?? new License { Code = "cc-by", Name = "CC BY", AllowsRemix = true, AllowsCommercial = true, RequiresAttribution = true };
        var at = createdAt ?? Utc(1, 1);
        var track = new Track
        {
            Title = title, ArtistName = "Someone", License = license, UploaderId = uploaderId, IsPublic = isPublic, State = state,
            CreatedAt = at, UpdatedAt = at, DeletedAt = deletedAt, MediaFolder = Guid.NewGuid().ToString("N"),
            Genres = genreIds.Select(id => new TrackGenre { GenreId = id }).ToList(),
        };
        db.Tracks.Add(track);
        await db.SaveChangesAsync();
        return track;
    }

    public static async Task<Stem> StemAsync(MusicSiteDbContext db, Track track, TrackState state, DateTime? createdAt = null, DateTime? deletedAt = null)
    {
        var instrument = await db.InstrumentTypes.FirstOrDefaultAsync() ?? new InstrumentType { Name = "Drums", Category = "Percussion" };
        var at = createdAt ?? Utc(1, 1);
        var stem = new Stem
        {
            TrackId = track.Id, Name = "Part", InstrumentType = instrument, LicenseId = track.LicenseId, UploaderId = track.UploaderId,
            MediaFolder = Guid.NewGuid().ToString("N"), State = state, CreatedAt = at, UpdatedAt = at, DeletedAt = deletedAt,
        };
        db.Stems.Add(stem);
        await db.SaveChangesAsync();
        return stem;
    }

    public static async Task<Genre> GenreAsync(MusicSiteDbContext db, string name)
    {
        var genre = new Genre { Name = name, Slug = $"{name.ToLowerInvariant()}-{Guid.NewGuid():N}"[..20] };
        db.Genres.Add(genre);
        await db.SaveChangesAsync();
        return genre;
    }

    /// <summary>One counted play of <paramref name="trackId"/> at each moment, each by a listener of its own.</summary>
    public static async Task PlaysAsync(MusicSiteDbContext db, int trackId, params DateTime[] moments)
    {
        foreach (var at in moments)
        {
            db.PlayEvents.Add(new PlayEvent
            {
                TrackId = trackId, ListenerKey = "t:" + Guid.NewGuid().ToString("N"), PlayedAt = at,
                HalfHour = (long)Math.Floor((at - DateTime.UnixEpoch).TotalMinutes / 30),
            });
        }
        await db.SaveChangesAsync();
    }

    public static DateTime[] Repeat(DateTime at, int times) => Enumerable.Repeat(at, times).ToArray();
}
