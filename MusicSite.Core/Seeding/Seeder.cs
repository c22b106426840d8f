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
/// demo catalog and the blog's posts (<see cref="BlogSeeder"/>) unless MUSICSITE_SEED=none. Each set is recorded in SeedRuns and never applied twice.
/// Demo tracks are stored as pending uploads; start-up queues them for the audio pipeline like any other.
/// </summary>
public sealed class Seeder(
    MusicSiteDbContext db,
    UserManager<AppUser> users,
    DemoAudioRenderer renderer,
    ArtistSlugs artistSlugs,
    EventSeeds eventSeeds,
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
        if (wantsDemo && !await db.SeedRuns.AnyAsync(s => s.Name == BlogSeeder.SetName, cancellationToken))
        {
            var posts = await new BlogSeeder(db, clock).SeedAsync(Path.Combine(seeds, "blog"), cancellationToken);
            logger.LogInformation("Seeded {Posts} blog posts", posts);
        }
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
        if (wantsDemo)
        {
            await eventSeeds.SeedAsync(Path.Combine(seeds, "events.json"), cancellationToken);
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

        // Render all audio first: if ffmpeg fails, nothing is written to the database.
        var tracks = catalog.Artists.SelectMany(a =>
            a.Albums.SelectMany(al => al.Tracks).Concat(a.Singles)).ToList();
        var rendered = await renderer.RenderAllAsync(tracks, cancellationToken);
        IReadOnlyDictionary<DemoStemSeed, RenderedAudio> renderedStems;
        try
        {
            renderedStems = await renderer.RenderStemsAsync(
                tracks.SelectMany(t => t.Stems.Select(s => (t, s))).ToList(), cancellationToken);
        }
        catch
        {
            renderer.Delete(rendered.Values);
            throw;
        }
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var order = 0;
            var artistIds = new List<int>();
            var entities = new Dictionary<DemoTrackSeed, Track>(ReferenceEqualityComparer.Instance);
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
                        entities[trackSeed] = track;
                    }
                }
                foreach (var single in artistSeed.Singles)
                {
                    var track = NewTrack(single, artist, rendered[single], genres, licenses, now.AddSeconds(order++));
                    db.Tracks.Add(track);
                    entities[single] = track;
                }
            }
            var instruments = await db.InstrumentTypes.ToDictionaryAsync(i => i.Name, i => i.Id, cancellationToken);
            AddStemsAndLineage(tracks, entities, renderedStems, instruments, licenses);
            db.SeedRuns.Add(new SeedRun { Name = DemoSet, AppliedAt = now });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            foreach (var id in artistIds)
            {
                await artistSlugs.EnsureAsync(id, cancellationToken);
            }
            logger.LogInformation("Seeded the demo catalog: {Artists} artists, {Tracks} tracks, {Stems} stems",
                catalog.Artists.Count, tracks.Count, renderedStems.Count);
        }
        catch
        {
            renderer.Delete(rendered.Values);
            renderer.Delete(renderedStems.Values);
            throw;
        }
    }

    /// <summary>The demo's stems, pending like its tracks, and its remixes with the stems they use: links that the
    /// demo's own artists declared, so they are in force at once.</summary>
    private void AddStemsAndLineage(IReadOnlyList<DemoTrackSeed> seeds, IReadOnlyDictionary<DemoTrackSeed, Track> tracks,
        IReadOnlyDictionary<DemoStemSeed, RenderedAudio> audio, Dictionary<string, int> instruments,
        Dictionary<string, License> licenses)
    {
        var stems = new Dictionary<DemoStemSeed, Stem>(ReferenceEqualityComparer.Instance);
        foreach (var seed in seeds)
        {
            var track = tracks[seed];
            var license = licenses[seed.License];
            foreach (var stemSeed in seed.Stems)
            {
                var file = audio[stemSeed];
                var stem = new Stem
                {
                    Track = track, Name = stemSeed.Name, InstrumentTypeId = instruments[stemSeed.Instrument],
                    Key = track.Key, Bpm = track.Bpm, LicenseId = license.Id,
                    RemixAllowed = stemSeed.RemixAllowed && license.AllowsRemix, CommercialAllowed = license.AllowsCommercial,
                    AttributionRequired = license.RequiresAttribution, IsDownloadable = stemSeed.IsDownloadable,
                    UploaderId = track.UploaderId, MediaFolder = file.Folder, DurationSeconds = file.DurationSeconds,
                    State = TrackState.Pending, ProcessingStep = "queued", CreatedAt = track.CreatedAt, UpdatedAt = track.CreatedAt,
                    Files =
                    [
                        new StemFile
                        {
                            Kind = MediaKind.Original, Codec = "flac", ContentType = AudioFormats.Flac.ContentType,
                            SampleRate = 44100, Channels = 2, SizeBytes = file.SizeBytes, RelativePath = file.RelativePath,
                            CreatedAt = track.CreatedAt,
                        },
                    ],
                };
                db.Stems.Add(stem);
                stems[stemSeed] = stem;
            }
        }
        var byTitle = seeds.ToDictionary(t => t.Title, StringComparer.Ordinal);
        foreach (var seed in seeds)
        {
            if (seed.BasedOn is not { } basis)
            {
                continue;
            }
            var original = byTitle[basis.Title];
            var derivative = tracks[seed];
            db.TrackRelations.Add(new TrackRelation
            {
                Original = tracks[original], Derivative = derivative,
                Kind = LineageNames.TryParse(basis.Kind, out var kind)
                    ? kind : throw new FormatException($"Demo track '{seed.Title}': unknown link kind '{basis.Kind}'."),
                Status = LinkStatus.Approved, RequestedById = derivative.UploaderId,
                CreatedAt = derivative.CreatedAt, AnsweredAt = derivative.CreatedAt,
            });
            foreach (var name in basis.UsesStems)
            {
                db.StemUsages.Add(new StemUsage
                {
                    Stem = stems[original.Stems.Single(s => s.Name == name)], Track = derivative,
                    Status = LinkStatus.Approved, RequestedById = derivative.UploaderId,
                    CreatedAt = derivative.CreatedAt, AnsweredAt = derivative.CreatedAt,
                });
            }
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
