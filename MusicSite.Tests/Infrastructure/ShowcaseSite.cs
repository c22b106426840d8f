using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MusicSite.Accounts;
using MusicSite.Community;

namespace MusicSite.Tests.Infrastructure;

/// <summary>
/// A browser and a site with a small real catalog, for tests that look at whole pages (the accessibility audit, the
/// README's screenshots): one artist with a bio and an avatar, an album with a cover, processed tracks with and
/// without artwork, and tracks straight in the catalog. The artist's browser session is kept for signed-in pages.
/// </summary>
public sealed class ShowcaseSite : IAsyncLifetime
{
    public const string ArtistName = "Aster Vale";
    /// <summary>The artist page: its slug is made from the display name.</summary>
    public const string ArtistPath = "/artists/aster-vale";

    private readonly TempDirectory _files = new("musicsite-showcase");

    public BrowserFixture Browser { get; } = new();

    /// <summary>The artist's signed-in browser session, for <see cref="BrowserFixture.NewPageAsync(Viewport, ColorScheme, bool, string?)"/>.</summary>
    public string ArtistSession { get; private set; } = "";

    /// <summary>The site admin's signed-in browser session, for the curation pages.</summary>
    public string AdminSession { get; private set; } = "";

    /// <summary>Ids of seeded genres for the curation pages: House (with subgenres and relations) and Techno.</summary>
    public (int House, int Techno) Genres { get; private set; }

    /// <summary>The artist's account id (the admin's user pages open it).</summary>
    public int ArtistUser { get; private set; }

    public int TrackWithArtwork { get; private set; }
    public int TrackWithoutArtwork { get; private set; }
    public int Album { get; private set; }
    public int TrackWithStems { get; private set; }
    /// <summary>Stems of <see cref="TrackWithStems"/> (drums, bass, pad), with real audio; the first opens the stem page.</summary>
    public IReadOnlyList<int> Stems { get; private set; } = [];
    public string Genre => "deep-house";
    /// <summary>An upcoming event of the artist (its edit form opens in the artist's session), and a past one.</summary>
    public int Event { get; private set; }
    public int PastEvent { get; private set; }
    /// <summary>The share page a link made by the artist opens (for the track without artwork).</summary>
    public string SharePath { get; private set; } = "";

    /// <summary>A published blog post in a category, for the blog pages.</summary>
    public Blog.ShowcasePost BlogPost { get; private set; } = new(0, "", "");
    /// <summary>A failed job run with an ffmpeg log (/admin/jobs/runs/{id}).</summary>
    public long FailedRun { get; private set; }
    /// <summary>A contact message in the admins' inbox (/admin/inbox/{id}).</summary>
    public int ContactMessage { get; private set; }

    public async Task InitializeAsync()
    {
        Browser.Site.WithAdmin();
        await Browser.InitializeAsync();
        AdminSession = await AdminSessionAsync();
        Genres = await Browser.Site.WithDbAsync(async db => (
            await db.Genres.Where(g => g.Slug == "house").Select(g => g.Id).SingleAsync(),
            await db.Genres.Where(g => g.Slug == "techno").Select(g => g.Id).SingleAsync()));

        var page = await Browser.NewPageAsync(Viewport.Desktop);
        var email = await page.RegisterInBrowserAsync("Artist", ArtistName);
        ArtistSession = await page.Context.StorageStateAsync();
        await page.Context.CloseAsync();

        var artist = await Browser.Site.BearerClientAsync(email);
        ArtistUser = await Browser.Site.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        await ProfileAsync(artist);
        Album = await AlbumAsync(artist);
        int[] uploads =
        [
            TrackWithArtwork = await UploadAsync(artist, "Harbour Lights", 1, cover: 3, ("genres", "deep-house,house"),
                ("tags", "warm, night"), ("bpm", "122"), ("key", "Am"), ("description", "Slow chords over a patient kick.")),
            TrackWithoutArtwork = await UploadAsync(artist, "Low Tide Static", 2, cover: null, ("genres", "deep-house"),
                ("tags", "dub"), ("bpm", "118"), ("key", "F#m")),
            TrackWithStems = await UploadAsync(artist, "Glasshouse", null, cover: 11, ("genres", "ambient"), ("tags", "pads, calm")),
        ];
        await Task.WhenAll(uploads.Select(id => artist.WaitForProcessingAsync(id)));
        Stems =
        [
            await TestStems.AddAsync(Browser.Site.Services, TrackWithStems, new StemSeed("Patient kick", Instrument: "Kick") { AudioSeconds = 12, Frequency = 60 }),
            await TestStems.AddAsync(Browser.Site.Services, TrackWithStems, new StemSeed("Round bass", Instrument: "Synth Bass", License: "cc-by-nc",
                RemixAllowed: false) { AudioSeconds = 12, Frequency = 110 }),
            await TestStems.AddAsync(Browser.Site.Services, TrackWithStems, new StemSeed("Slow chords", Instrument: "Pad", IsDownloadable: false)
                { AudioSeconds = 12, Frequency = 440 }),
        ];
        await RatingsAsync();
        await PlaysAsync();
        var remix = await TestCatalog.AddReadyTrackAsync(Browser.Site.Services, "Paper Moons", seconds: 95, uploaderEmail: email);
        // A remix, so the track page shows its "Remixes" section and lineage picture.
        await new Lineage.LineageData(Browser.Site.Services).LinkAsync(TrackWithArtwork, remix);
        await TestCatalog.AddReadyTrackAsync(Browser.Site.Services, "Night Bus Home", seconds: 210, uploaderEmail: email);
        BlogPost = await Blog.ShowcaseBlog.AddAsync(Browser.Site);
        FailedRun = await Jobs.ShowcaseJobs.AddFailedRunAsync(Browser.Site, TrackWithoutArtwork);
        var share = await artist.PostAsJsonAsync($"/api/music/tracks/{TrackWithoutArtwork}/share-links", new { days = 7 });
        Assert.True(201 == (int)share.StatusCode, await share.Content.ReadAsStringAsync());
        SharePath = new Uri((await share.JsonAsync()).GetProperty("url").GetString()!).PathAndQuery;
        (Event, PastEvent) = await EventsAsync(email);
        ContactMessage = await ContactMessageAsync();
    }

    /// <summary>A message a visitor sent through the contact form, with two lines, for the inbox pages.</summary>
    private Task<int> ContactMessageAsync() => Browser.Site.WithDbAsync(async db =>
    {
        var message = new MusicSite.Contact.ContactMessage
        {
            Name = "Mara Booker", Email = "mara@example.com", Subject = "Booking for a summer night",
            Message = "Hello,\nwould you play our rooftop on 12 July?\nMara", ClientAddress = "203.0.113.5",
            UserAgent = "Mozilla/5.0 (showcase)", CreatedAt = DateTime.UtcNow.AddHours(-3),
        };
        db.ContactMessages.Add(message);
        await db.SaveChangesAsync();
        return message.Id;
    });

    /// <summary>Counted plays over the last days (five and two, one listener each), so the admin dashboard's charts show.</summary>
    private Task PlaysAsync() => Browser.Site.WithDbAsync(async db =>
    {
        var noon = DateTime.UtcNow.Date.AddHours(12);
        foreach (var (trackId, day) in new[] { (TrackWithArtwork, 0), (TrackWithArtwork, 1), (TrackWithArtwork, 1), (TrackWithArtwork, 3),
                     (TrackWithArtwork, 8), (TrackWithoutArtwork, 2), (TrackWithoutArtwork, 5) })
        {
            var at = noon.AddDays(-day);
            db.PlayEvents.Add(new MusicSite.Catalog.PlayEvent
            {
                TrackId = trackId, ListenerKey = "showcase:" + Guid.NewGuid().ToString("N"), PlayedAt = at,
                HalfHour = (long)(at - DateTime.UnixEpoch).TotalMinutes / 30,
            });
        }
        return await db.SaveChangesAsync();
    });

    /// <summary>Three listeners rate the first track, two with reviews, so its page shows the ratings section filled.</summary>
    private Task RatingsAsync() => Browser.Site.WithDbAsync(async db =>
    {
        var now = DateTime.UtcNow;
        (string Name, int Score, string? Review)[] ratings =
        [
            ("Mira Holt", 5, "The kick sits so patiently under those chords. Perfect for the last train home."),
            ("Jonas Pell", 4, null),
            ("Ruth Anand", 4, "Warm and unhurried; I wish it were twice as long."),
        ];
        for (var i = 0; i < ratings.Length; i++)
        {
            var user = new AppUser { UserName = $"rater-{i}-{Guid.NewGuid():N}@example.com", DisplayName = ratings[i].Name, CreatedAt = now };
            db.Users.Add(user);
            db.Ratings.Add(new Rating
            {
                User = user, TrackId = TrackWithArtwork, Score = ratings[i].Score, Review = ratings[i].Review,
                CreatedAt = now.AddMinutes(i - 10), UpdatedAt = now.AddMinutes(i - 10),
            });
        }
        return await db.SaveChangesAsync();
    });

    /// <summary>An upcoming event of the artist with a ticket link and a track, and a past one, for the event pages.</summary>
    private async Task<(int Upcoming, int Past)> EventsAsync(string artistEmail) => await Browser.Site.WithDbAsync(async db =>
    {
        var artistId = await db.Users.Where(u => u.Email == artistEmail).Select(u => u.Id).SingleAsync();
        var now = DateTime.UtcNow;
        MusicSite.Events.Event Make(string title, DateTime startsAt) => new()
        {
            Title = title, StartsAt = startsAt, EndsAt = startsAt.AddHours(3), TimeZone = "Europe/Berlin", VenueName = "Kesselhaus",
            VenueAddress = "Schönhauser Allee 36", VenueCity = "Berlin", TicketUrl = "https://tickets.example.com/harbour-lights",
            Description = "Harbour Lights played live, with the stems remixed on stage.", ArtistId = artistId, CreatedById = artistId,
            CreatedAt = now, UpdatedAt = now, Tracks = [new MusicSite.Events.EventTrack { TrackId = TrackWithArtwork }],
        };
        var upcoming = Make("Harbour Lights release night", now.AddDays(12));
        var past = Make("Low Tide listening party", now.AddDays(-20));
        db.Events.AddRange(upcoming, past);
        await db.SaveChangesAsync();
        return (upcoming.Id, past.Id);
    });

    private async Task<string> AdminSessionAsync()
    {
        var page = await Browser.NewPageAsync(Viewport.Desktop);
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", TrackUploads.AdminEmail);
        await page.FillAsync("#password", TrackUploads.AdminPassword);
        await page.ClickAsync("main button[type=submit]");
        await Assertions.Expect(page.Locator("[data-testid=account-name]")).ToBeVisibleAsync();
        var session = await page.Context.StorageStateAsync();
        await page.Context.CloseAsync();
        return session;
    }

    private async Task ProfileAsync(HttpClient artist)
    {
        var profile = await artist.PutAsJsonAsync("/api/auth/me", new
        {
            displayName = ArtistName,
            bio = "Aster Vale records late-night house and ambient sketches on a four-track and an old Juno.",
        });
        Assert.Equal(200, (int)profile.StatusCode);
        using var avatar = new MultipartFormDataContent
        {
            { new StreamContent(File.OpenRead(MediaFixtures.Cover(_files.Path, 5, 400))), "avatar", "avatar.jpg" },
        };
        Assert.Equal(200, (int)(await artist.PutAsync("/api/auth/me/avatar", avatar)).StatusCode);
    }

    private async Task<int> AlbumAsync(HttpClient artist)
    {
        using var album = new MultipartFormDataContent
        {
            { new StringContent("Tidal Hours"), "title" },
            { new StringContent("2026-03-14"), "releaseDate" },
            { new StringContent("Two after-hours cuts, written between midnight and sunrise."), "description" },
            { new StringContent("deep-house"), "genres" },
            { new StreamContent(File.OpenRead(MediaFixtures.Cover(_files.Path, 7))), "artwork", "cover.jpg" },
        };
        var response = await artist.PostAsync("/api/music/albums", album);
        Assert.True(201 == (int)response.StatusCode, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).GetProperty("id").GetInt32();
    }

    private async Task<int> UploadAsync(HttpClient artist, string title, int? trackNumber, int? cover,
        params (string Name, string Value)[] fields)
    {
        List<(string, string)> all = [("title", title), ("license", "cc-by"), ("isDownloadable", "true"), .. fields];
        if (trackNumber is { } number)
        {
            all.AddRange([("albumId", Album.ToString()), ("trackNumber", number.ToString())]);
        }
        var form = TrackUploads.Form(MediaFixtures.Pulse(_files.Path, "flac", 12, 122), all,
            artworkPath: cover is { } seed ? MediaFixtures.Cover(_files.Path, seed) : null);
        var response = await artist.PostAsync("/api/music/tracks", form);
        Assert.True(201 == (int)response.StatusCode, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).GetProperty("id").GetInt32();
    }

    /// <summary>Clicks the first play button in the page's main content and waits until the audio is playing.</summary>
    public static async Task PlayFirstTrackAsync(IPage page)
    {
        await page.Locator("main a[data-play], main button[data-play]").First.ClickAsync();
        await page.WaitForFunctionAsync("() => { const a = document.getElementById('player-audio'); return a && !a.paused && a.currentTime > 0.5; }");
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _files.Dispose();
    }
}
