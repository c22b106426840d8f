using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MusicSite.Accounts;
using MusicSite.Attribution;
using MusicSite.Artists;
using MusicSite.Catalog;
using MusicSite.Data;
using MusicSite.Genres;
using MusicSite.Hosting;
using MusicSite.Media;

namespace MusicSite.Seeding;

/// <summary>
/// Fills an empty database from seeds/: reference data (genres, licenses, instrument types) always, the
/// demo catalog unless MUSICSITE_SEED=none. Each set is recorded in SeedRuns and never applied twice.
/// Demo tracks are stored as pending uploads; start-up queues them for the audio pipeline like any other.
/// </summary>
public sealed class Seeder(
    MusicSiteDbContext db,
    UserManager<AppUser> users,
    DemoAudioRenderer renderer,
    ArtistSlugs artistSlugs,
    IOptions<MusicSiteOptions> options,
    TimeProvider clock,
    ILogger<Seeder> logger)
{
    public const string ReferenceSet = "reference";
    public const string DemoSet = "demo";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var seeds = options.Value.SeedsDirectory;
        if (!await db.SeedRuns.AnyAsync(s => s.Name == ReferenceSet, cancellationToken))
        {
            await SeedReferenceAsync(seeds, cancellationToken);
        }
        var wantsDemo = !string.Equals(options.Value.Seed, "none", StringComparison.OrdinalIgnoreCase);
        if (wantsDemo && !await db.SeedRuns.AnyAsync(s => s.Name == DemoSet, cancellationToken))
        {
            // Only an empty catalog gets the demo: an existing site that turns seeding on is left alone.
            if (await db.Tracks.AnyAsync(cancellationToken))
            {
                logger.LogInformation("The catalog already has tracks; the demo catalog is not seeded.");
                return;
            }
            await SeedDemoAsync(Path.Combine(seeds, "demo-catalog.json"), cancellationToken);
        }
    }

    private async Task SeedReferenceAsync(string seeds, CancellationToken cancellationToken)
    {
        var genres = SeedFiles.ReadGenres(Path.Combine(seeds, "genres.txt"));
        var bySlug = new Dictionary<string, Genre>(StringComparer.Ordinal);
        foreach (var seed in genres)
        {
            var genre = new Genre
            {
                Name = seed.Name,
                Slug = seed.Slug,
                Description = seed.Description,
                Parent = seed.ParentSlug is null ? null : bySlug[seed.ParentSlug],
            };
            bySlug.Add(seed.Slug, genre);
            db.Genres.Add(genre);
        }
        foreach (var relation in SeedFiles.ReadGenreRelations(Path.Combine(seeds, "genre-relations.txt")))
        {
            db.GenreRelations.Add(new GenreRelation
            {
                FromGenre = bySlug[relation.FromSlug],
                ToGenre = bySlug[relation.ToSlug],
                Kind = relation.Kind,
                Weight = relation.Weight,
            });
        }
        foreach (var instrument in SeedFiles.ReadInstruments(Path.Combine(seeds, "instruments.txt")))
        {
            db.InstrumentTypes.Add(new InstrumentType { Name = instrument.Name, Category = instrument.Category });
        }
        foreach (var l in SeedFiles.ReadLicenses(Path.Combine(seeds, "licenses.txt")))
        {
            db.Licenses.Add(new License
            {
                Code = l.Code, Name = l.Name, Url = l.Url, AllowsRemix = l.AllowsRemix,
                AllowsCommercial = l.AllowsCommercial, RequiresAttribution = l.RequiresAttribution, ShareAlike = l.ShareAlike,
            });
        }
        db.SeedRuns.Add(new SeedRun { Name = ReferenceSet, AppliedAt = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Seeded {Genres} genres and reference data", genres.Count);
    }

    private async Task SeedDemoAsync(string catalogPath, CancellationToken cancellationToken)
    {
        var catalog = SeedFiles.ReadDemoCatalog(catalogPath);
        var genres = await db.Genres.ToDictionaryAsync(g => g.Slug, cancellationToken);
        var licenses = await db.Licenses.ToDictionaryAsync(l => l.Code, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;

        // Render every track's audio first: if ffmpeg fails, nothing is written to the database.
        var tracks = catalog.Artists.SelectMany(a =>
            a.Albums.SelectMany(al => al.Tracks).Concat(a.Singles)).ToList();
        var rendered = await renderer.RenderAllAsync(tracks, cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var order = 0;
            var artistIds = new List<int>();
            foreach (var artistSeed in catalog.Artists)
            {
                var artist = await EnsureDemoArtistAsync(artistSeed, now);
                artistIds.Add(artist.Id);
                foreach (var albumSeed in artistSeed.Albums)
                {
                    var album = new Album
                    {
                        Title = albumSeed.Title, ArtistName = artist.DisplayName, ReleaseDate = albumSeed.ReleaseDate,
                        Description = albumSeed.Description, OwnerId = artist.Id, CreatedAt = now, UpdatedAt = now,
                        Genres = albumSeed.Genres.Select(s => new AlbumGenre { GenreId = genres[s].Id }).ToList(),
                    };
                    db.Albums.Add(album);
                    var number = 0;
                    foreach (var trackSeed in albumSeed.Tracks)
                    {
                        var track = NewTrack(trackSeed, artist, rendered[trackSeed], genres, licenses, now.AddSeconds(order++));
                        track.Album = album;
                        track.TrackNumber = ++number;
                        db.Tracks.Add(track);
                    }
                }
                foreach (var single in artistSeed.Singles)
                {
                    db.Tracks.Add(NewTrack(single, artist, rendered[single], genres, licenses, now.AddSeconds(order++)));
                }
            }
            db.SeedRuns.Add(new SeedRun { Name = DemoSet, AppliedAt = now });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            foreach (var id in artistIds)
            {
                await artistSlugs.EnsureAsync(id, cancellationToken);
            }
            logger.LogInformation("Seeded the demo catalog: {Artists} artists, {Tracks} tracks", catalog.Artists.Count, tracks.Count);
        }
        catch
        {
            renderer.Delete(rendered.Values);
            throw;
        }
    }

    private async Task<AppUser> EnsureDemoArtistAsync(DemoArtistSeed seed, DateTime now)
    {
        var user = await users.FindByEmailAsync(seed.Email);
        if (user is null)
        {
            // Demo artists have no password: nobody signs in as them until a reset link is used.
            user = new AppUser
            {
                UserName = seed.Email, Email = seed.Email, EmailConfirmed = true,
                DisplayName = seed.DisplayName, Bio = seed.Bio, CreatedAt = now,
            };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"Demo artist {seed.Email}: " +
                    string.Join(" ", created.Errors.Select(e => e.Description)));
            }
            await users.AddToRoleAsync(user, Roles.Artist);
        }
        return user;
    }

    private static Track NewTrack(DemoTrackSeed seed, AppUser artist, RenderedAudio audio,
        Dictionary<string, Genre> genres, Dictionary<string, License> licenses, DateTime createdAt) => new()
    {
        Title = seed.Title,
        ArtistName = artist.DisplayName,
        Description = seed.Description,
        Bpm = seed.Bpm,
        Key = seed.Key,
        LicenseId = licenses[seed.License].Id,
        IsPublic = true,
        IsDownloadable = true,
        UploaderId = artist.Id,
        DurationSeconds = audio.DurationSeconds,
        MediaFolder = audio.Folder,
        State = TrackState.Pending,
        ProcessingStep = "queued",
        CreatedAt = createdAt,
        UpdatedAt = createdAt,
        Genres = seed.Genres.Distinct().Select(s => new TrackGenre { GenreId = genres[s].Id }).ToList(),
        Tags = seed.Tags.Select(t => t.Trim().ToLowerInvariant()).Distinct()
            .Select(t => new TrackTag { Tag = t }).ToList(),
        MediaFiles =
        [
            new MediaFile
            {
                Kind = MediaKind.Original, Codec = "flac", ContentType = AudioFormats.Flac.ContentType,
                SampleRate = 44100, Channels = 2,
                SizeBytes = audio.SizeBytes, RelativePath = audio.RelativePath, CreatedAt = createdAt,
            },
        ],
    };
}
