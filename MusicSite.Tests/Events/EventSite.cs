using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Accounts;
using MusicSite.Data;
using MusicSite.Events;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Events;

/// <summary>A site on a clock the tests move, with an admin account, and helpers to put events and artists in it.</summary>
public sealed class EventSite : IDisposable
{
    public ClockedSite Site { get; } = (ClockedSite)new ClockedSite().WithAdmin();

    public DateTime Now => Site.Clock.GetUtcNow().UtcDateTime;

    /// <summary>An event written straight to the database (the tests of the forms write through the forms).</summary>
    public async Task<int> AddEventAsync(string title, DateTime startsAt, DateTime? endsAt = null, string timeZone = "Europe/Berlin",
        int? artistId = null, string? description = null, string? ticketUrl = null, IReadOnlyList<int>? trackIds = null,
        string venueName = "Kesselhaus", string? venueAddress = "Schönhauser Allee 36", string venueCity = "Berlin")
    {
        return await Site.WithDbAsync(async db =>
        {
            var entity = new Event
            {
                Title = title, StartsAt = DateTime.SpecifyKind(startsAt, DateTimeKind.Utc), EndsAt = endsAt, TimeZone = timeZone,
                VenueName = venueName, VenueAddress = venueAddress, VenueCity = venueCity, Description = description, TicketUrl = ticketUrl,
                ArtistId = artistId, CreatedById = artistId, CreatedAt = Now, UpdatedAt = Now,
                Tracks = (trackIds ?? []).Select((id, i) => new EventTrack { TrackId = id, Position = i }).ToList(),
            };
            db.Events.Add(entity);
            await db.SaveChangesAsync();
            return entity.Id;
        });
    }

    /// <summary>A new artist account signed in with a cookie (as a browser without JavaScript), and its user id.</summary>
    public async Task<(HttpClient Client, int Id, string Email)> ArtistAsync(string accountType = "Artist")
    {
        var email = $"events-{Guid.NewGuid():N}@example.com";
        var client = await Site.CookieClientAsync(accountType, email);
        return (client, await UserIdAsync(email), email);
    }

    public async Task<(HttpClient Client, int Id)> AdminAsync() =>
        (await Site.SignedInCookieClientAsync(TrackUploads.AdminEmail, TrackUploads.AdminPassword), await UserIdAsync(TrackUploads.AdminEmail));

    public Task<int> UserIdAsync(string email) => Site.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    public Task<Event?> FindAsync(int id) =>
        Site.WithDbAsync(db => db.Events.AsNoTracking().Include(e => e.Tracks).FirstOrDefaultAsync(e => e.Id == id));

    public void Dispose() => Site.Dispose();
}
