using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MusicSite.Common;
using MusicSite.Data;
using MusicSite.Events;

namespace MusicSite.Seeding;

public sealed class EventSeedFile
{
    public List<EventSeed> Events { get; set; } = [];
}

/// <summary>A demo event: <see cref="Day"/> counts from the seeding day (negative for the past); <see cref="Start"/> and
/// <see cref="End"/> are "HH:mm" at the venue (an end before the start is the next day).</summary>
public sealed class EventSeed
{
    public string Title { get; set; } = "";
    /// <summary>A demo artist's display name.</summary>
    public string? Artist { get; set; }
    public int Day { get; set; }
    public string Start { get; set; } = "";
    public string? End { get; set; }
    public string TimeZone { get; set; } = "";
    public string VenueName { get; set; } = "";
    public string? VenueAddress { get; set; }
    public string VenueCity { get; set; } = "";
    public string? TicketUrl { get; set; }
    public string? Description { get; set; }
    /// <summary>Titles of the artist's demo tracks.</summary>
    public List<string> Tracks { get; set; } = [];
}

/// <summary>
/// The demo events of seeds/events.json, once the demo catalog is there (their artists and tracks are its). A set of
/// its own, recorded in SeedRuns: a site seeded before events existed gets them on its next start, and never twice.
/// Every event passes the same field rules as one typed into the form.
/// </summary>
public sealed class EventSeeds(MusicSiteDbContext db, TimeProvider clock, ILogger<EventSeeds> logger)
{
    public const string SetName = "demo-events";

    public static EventSeedFile Read(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<EventSeedFile>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
               ?? throw new FormatException($"{path}: no events.");
    }

    /// <summary>The form input a seed stands for, on the day <paramref name="today"/> (UTC date of seeding).</summary>
    public static EventInput ToInput(EventSeed seed, DateOnly today)
    {
        var day = today.AddDays(seed.Day);
        var start = TimeOnly.ParseExact(seed.Start, "HH:mm", CultureInfo.InvariantCulture);
        var end = seed.End is null ? (TimeOnly?)null : TimeOnly.ParseExact(seed.End, "HH:mm", CultureInfo.InvariantCulture);
        var endDay = end is { } e && e <= start ? day.AddDays(1) : day;
        static string Local(DateOnly d, TimeOnly t) => d.ToDateTime(t).ToString(EventTimes.LocalFormat, CultureInfo.InvariantCulture);
        return new EventInput(seed.Title, seed.Description, Local(day, start), end is { } endTime ? Local(endDay, endTime) : null,
            seed.TimeZone, seed.VenueName, seed.VenueAddress, seed.VenueCity, seed.TicketUrl, []);
    }

    public async Task SeedAsync(string path, CancellationToken cancellationToken)
    {
        if (!await db.SeedRuns.AnyAsync(s => s.Name == Seeder.DemoSet, cancellationToken)
            || await db.SeedRuns.AnyAsync(s => s.Name == SetName, cancellationToken) || !File.Exists(path))
        {
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        foreach (var seed in Read(path).Events)
        {
            var errors = new FieldErrors();
            var values = EventFields.Check(ToInput(seed, today), errors)
                         ?? throw new FormatException($"Demo event '{seed.Title}': " + string.Join(" ", errors.ToDictionary().SelectMany(e => e.Value)));
            var artist = seed.Artist is null ? (int?)null
                : await db.Users.Where(u => u.DisplayName == seed.Artist).Select(u => (int?)u.Id).FirstOrDefaultAsync(cancellationToken)
                  ?? throw new FormatException($"Demo event '{seed.Title}': no demo artist '{seed.Artist}'.");
            var titles = seed.Tracks;
            var tracks = await db.Tracks.Where(t => t.UploaderId == artist && titles.Contains(t.Title) && t.DeletedAt == null)
                .Select(t => new { t.Id, t.Title }).ToListAsync(cancellationToken);
            db.Events.Add(new Event
            {
                Title = values.Title, Description = values.Description, StartsAt = values.StartsAt, EndsAt = values.EndsAt,
                TimeZone = values.TimeZone, VenueName = values.VenueName, VenueAddress = values.VenueAddress, VenueCity = values.VenueCity,
                TicketUrl = values.TicketUrl, ArtistId = artist, CreatedById = artist, CreatedAt = now, UpdatedAt = now,
                Tracks = titles.Select((title, i) => new EventTrack
                {
                    TrackId = tracks.FirstOrDefault(t => t.Title == title)?.Id
                              ?? throw new FormatException($"Demo event '{seed.Title}': '{seed.Artist}' has no track '{title}'."),
                    Position = i,
                }).ToList(),
            });
        }
        db.SeedRuns.Add(new SeedRun { Name = SetName, AppliedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Seeded the demo events");
    }
}
