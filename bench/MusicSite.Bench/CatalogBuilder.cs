using System.Diagnostics;
using Microsoft.Data.Sqlite;
using MusicSite.Hosting;

/// <summary>
/// A catalog of N tracks for <see cref="CatalogBench"/>: a data directory migrated and seeded by the real migrations
/// (<see cref="BenchHost.MigratedAsync"/>: the genre tree, the licenses), then artists, albums, tracks, genre links and
/// tags bulk-inserted through prepared statements in one transaction. The database's triggers keep their tables as for
/// any insert (the genre closure, counters, like and comment counts), with two exceptions when <c>byTriggers</c> is
/// false: the three TrackSearch insert triggers and the two insert triggers of the counters within each genre are
/// dropped for the load; TrackSearch is filled by one INSERT … SELECT that computes what its triggers compute, the
/// counters within each genre by their migration's fill, and the triggers are re-created from their own SQL, all in
/// the same transaction. <see cref="CatalogBuilderCheck"/> shows that both ways leave the same rows.
/// Play, download and like counts are set on the rows (no TrackLikes behind them). The last two weeks' plays are
/// there as PlayEvents (<see cref="AddPlayEvents"/>), so that the "popular this week" sections rank real rows.
/// </summary>
static partial class CatalogBuilder
{
    private static readonly string[] Adjectives = ["midnight", "deep", "blue", "golden", "silent", "electric", "broken", "velvet", "neon",
        "hollow", "distant", "frozen", "burning", "quiet", "wild", "lost", "bright", "dark", "endless", "secret", "paper", "copper", "crystal",
        "summer", "winter", "liquid", "lunar", "solar", "restless", "gentle", "static", "tidal", "northern", "urban", "faded", "slow"];
    private static readonly string[] Nouns = ["drive", "house", "echo", "river", "dust", "tape", "glass", "horizon", "wind", "lock", "planes",
        "sunday", "signal", "harbor", "ember", "orbit", "lantern", "meadow", "circuit", "heart", "city", "light", "dream", "ocean", "fire",
        "shadow", "garden", "machine", "station", "highway", "mirror", "forest", "letters", "voices", "engine", "waves", "skyline", "rain",
        "thunder", "memory", "morning", "evening", "island", "canyon", "satellite", "window", "bridge", "valley", "storm", "desert"];
    private static readonly string[] Suffixes = ["", "", "", "", " (remix)", " (live)", " (edit)", " (demo)", " part ii", " (reprise)"];
    private static readonly string[] FirstNames = ["marlow", "june", "ada", "felix", "nora", "otto", "iris", "theo", "luna", "kai", "mira",
        "ezra", "sol", "ruby", "milo", "vera", "hugo", "cleo", "arlo", "nina", "jonas", "elsa", "leo", "zoe", "ivan", "maya"];
    private static readonly string[] LastNames = ["kid", "fox", "park", "stone", "vale", "rivers", "north", "lane", "bloom", "gray", "wolfe",
        "hart", "reyes", "moss", "king", "shore", "frost", "quinn", "black", "sound", "collective", "trio", "machine", "orchestra"];
    private static readonly string[] Tags = ["chill", "lofi", "ambient", "dance", "summer", "night", "instrumental", "vocal", "acoustic",
        "analog", "synth", "guitar", "piano", "upbeat", "dark", "dreamy", "groovy", "melodic", "minimal", "live", "remix", "cover", "demo",
        "rainy", "roadtrip", "focus", "workout", "sleep", "retro", "cinematic"];
    private static readonly string[] Keys = ["C", "Cm", "C#", "C#m", "D", "Dm", "Eb", "Ebm", "E", "Em", "F", "Fm", "F#", "F#m", "G", "Gm",
        "Ab", "Abm", "A", "Am", "Bb", "Bbm", "B", "Bm"];
    private static SqliteTransaction? _transaction;
    private static readonly string[] BulkTriggers = ["TrackSearch_AfterTrackInsert", "TrackSearch_AfterTagInsert", "TrackSearch_AfterGenreLinkInsert",
        "CatalogCountersByGenre_TrackInsert", "CatalogCountersByGenre_LinkInsert"];

    /// <summary>Builds the catalog in <paramref name="data"/> and prints its build time and size.</summary>
    public static async Task RunAsync(string data, int trackCount, bool byTriggers = false)
    {
        var watch = Stopwatch.StartNew();
        await using (var services = BenchHost.Services(data))
        {
            using var scope = await BenchHost.MigratedAsync(services, data);
        }
        SqliteConnection.ClearAllPools();
        var migrated = watch.Elapsed.TotalSeconds;
        var file = new DataPaths(data).Database;
        var rows = Build(file, trackCount, byTriggers);
        var size = new FileInfo(file).Length + (File.Exists(file + "-wal") ? new FileInfo(file + "-wal").Length : 0);
        Console.WriteLine($"catalog: built {trackCount:N0} tracks ({rows}) in {watch.Elapsed.TotalSeconds:0.0} s " +
                          $"(migrations and seeds {migrated:0.0} s; search index and counters within genres {(byTriggers ? "row by row through their triggers" : "filled in one statement each")}); " +
                          $"database {size / 1048576.0:0} MiB");
    }

    private static string Build(string file, int trackCount, bool byTriggers)
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=MEMORY; PRAGMA synchronous=OFF; PRAGMA cache_size=-1500000; PRAGMA temp_store=MEMORY;");
        var random = new Random(12);
        var genres = Column<long>(connection, """SELECT "Id" FROM "Genres" ORDER BY "Id" """);
        // A skewed pick: a few genres and artists hold most tracks, many hold few (as in a real catalog).
        Shuffle(genres, random);
        var licenses = Column<long>(connection, """SELECT "Id" FROM "Licenses" ORDER BY "Id" """);
        var start = DateTime.UtcNow.AddYears(-6);
        var span = TimeSpan.FromDays(6 * 365);

        using var transaction = connection.BeginTransaction();
        _transaction = transaction;
        var dropped = new List<string>();
        if (!byTriggers)
        {
            foreach (var name in BulkTriggers)
            {
                dropped.Add(Column<string>(connection, $"SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = '{name}'").Single());
                Execute(connection, $"DROP TRIGGER \"{name}\"");
            }
        }

        var userCount = Math.Clamp(trackCount / 50, 200, 5000);
        var names = new string[userCount];
        var firstUser = Scalar(connection, """SELECT COALESCE(MAX("Id"), 0) + 1 FROM "AspNetUsers" """);
        using (var user = Prepare(connection, """
            INSERT INTO "AspNetUsers" ("Id", "DisplayName", "CreatedAt", "UserName", "NormalizedUserName", "Email", "NormalizedEmail",
                "EmailConfirmed", "SecurityStamp", "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled",
                "AccessFailedCount", "ArtistSlug", "FollowerCount")
            VALUES ($id, $name, $created, $email, upper($email), $email, upper($email), 1, $stamp, $stamp, 0, 0, 1, 0, $slug, 0)
            """, "$id", "$name", "$created", "$email", "$stamp", "$slug"))
        {
            for (var i = 0; i < userCount; i++)
            {
                names[i] = $"{Title(FirstNames[random.Next(FirstNames.Length)])} {Title(LastNames[random.Next(LastNames.Length)])}";
                Run(user, firstUser + i, names[i], start.AddDays(random.Next(365)), $"artist{i}@bench.example", Guid.NewGuid().ToString("N"),
                    names[i].ToLowerInvariant().Replace(' ', '-') + "-" + i);
            }
        }

        var albumCount = trackCount / 12;
        var albumsOf = new List<(long Id, int Next)>[userCount];
        var firstAlbum = Scalar(connection, """SELECT COALESCE(MAX("Id"), 0) + 1 FROM "Albums" """);
        using (var album = Prepare(connection, """
            INSERT INTO "Albums" ("Id", "Title", "ArtistName", "ReleaseDate", "OwnerId", "CreatedAt", "UpdatedAt")
            VALUES ($id, $title, $artist, $released, $owner, $created, $created)
            """, "$id", "$title", "$artist", "$released", "$owner", "$created"))
        {
            for (var i = 0; i < albumCount; i++)
            {
                var owner = Skewed(random, userCount);
                var created = start + span * random.NextDouble();
                Run(album, firstAlbum + i, TrackTitle(random), names[owner], created.ToString("yyyy-MM-dd"), firstUser + owner, created);
                (albumsOf[owner] ??= []).Add((firstAlbum + i, 1));
            }
        }

        using var track = Prepare(connection, """
            INSERT INTO "Tracks" ("Id", "Title", "ArtistName", "AlbumId", "TrackNumber", "Description", "Bpm", "Key", "LicenseId", "IsPublic",
                "IsDownloadable", "UploaderId", "DurationSeconds", "State", "ProcessingProgress", "ProcessingError", "CreatedAt", "UpdatedAt",
                "DeletedAt", "MediaFolder", "ProcessedAt", "PlayCount", "DownloadCount", "LikeCount")
            VALUES ($id, $title, $artist, $album, $number, $description, $bpm, $key, $license, $public, $downloadable, $uploader, $duration,
                $state, $progress, $error, $created, $updated, $deleted, 'bench', $processed, $plays, $downloads, $likes)
            """, "$id", "$title", "$artist", "$album", "$number", "$description", "$bpm", "$key", "$license", "$public", "$downloadable",
            "$uploader", "$duration", "$state", "$progress", "$error", "$created", "$updated", "$deleted", "$processed", "$plays", "$downloads", "$likes");
        using var link = Prepare(connection, """INSERT INTO "TrackGenres" ("TrackId", "GenreId") VALUES ($track, $genre)""", "$track", "$genre");
        using var tag = Prepare(connection, """INSERT INTO "TrackTags" ("TrackId", "Tag") VALUES ($track, $tag)""", "$track", "$tag");
        var firstTrack = Scalar(connection, """SELECT COALESCE(MAX("Id"), 0) + 1 FROM "Tracks" """);
        var (links, tags) = (0, 0);
        for (var i = 0; i < trackCount; i++)
        {
            var id = firstTrack + i;
            var uploader = Skewed(random, userCount);
            long? albumId = null;
            int? number = null;
            if (albumsOf[uploader] is { Count: > 0 } own && random.Next(10) < 4)
            {
                var which = random.Next(own.Count);
                (albumId, number) = (own[which].Id, own[which].Next);
                own[which] = (own[which].Id, own[which].Next + 1);
            }
            // Ids grow with time, as uploads do; a few hours of jitter.
            var created = start + span * ((double)i / trackCount) + TimeSpan.FromMinutes(random.Next(-300, 300));
            var updated = random.Next(4) == 0 ? created + TimeSpan.FromDays(random.Next(1, 400)) : created;
            // 0-81 listed, 82-89 private, 90-94 failed, 95-99 deleted. None pending or processing: the site would queue
            // those for processing again when it starts.
            var kind = random.Next(100);
            var state = kind is >= 90 and <= 94 ? "Failed" : "Ready";
            var plays = (int)(Math.Pow(random.NextDouble(), 6) * 200_000);
            Run(track, id, TrackTitle(random), names[uploader], albumId, number,
                random.Next(10) < 3 ? $"{Title(Adjectives[random.Next(Adjectives.Length)])} {Nouns[random.Next(Nouns.Length)]} recorded at home, {Tags[random.Next(Tags.Length)]} and {Tags[random.Next(Tags.Length)]}." : null,
                random.Next(10) == 0 ? null : Math.Clamp((int)(120 + 25 * Gaussian(random)), 60, 200),
                random.Next(10) < 3 ? null : Keys[random.Next(Keys.Length)], licenses[Skewed(random, licenses.Count)],
                kind is >= 82 and <= 89 ? 0 : 1, random.Next(2), firstUser + uploader, Math.Round(60 + 480 * Math.Pow(random.NextDouble(), 2), 1),
                state, state == "Ready" ? 100 : 40, state == "Failed" ? "ffmpeg exited with code 1" : null,
                created, updated, kind >= 95 ? updated + TimeSpan.FromDays(random.Next(1, 30)) : null, state == "Ready" ? created.AddMinutes(2) : null,
                plays, plays / 20 + random.Next(5), plays / 15 + random.Next(3));
            var genreCount = 1 + (random.Next(10) < 6 ? 0 : random.Next(10) < 7 ? 1 : 2);
            var chosen = new HashSet<long>();
            while (chosen.Count < genreCount)
            {
                chosen.Add(genres[Skewed(random, genres.Count)]);
            }
            foreach (var genre in chosen)
            {
                Run(link, id, genre);
                links++;
            }
            var tagCount = random.Next(4);
            foreach (var word in Enumerable.Range(0, tagCount).Select(_ => Tags[random.Next(Tags.Length)]).Distinct())
            {
                Run(tag, id, word);
                tags++;
            }
        }

        var playEvents = AddPlayEvents(connection, random, firstTrack, trackCount);

        if (!byTriggers)
        {
            // What the dropped triggers would have left: each track's row on insert (tags '' and no genres), then tags
            // and genre names joined by the same subqueries as the tag and genre-link triggers (a track with none keeps
            // '' for tags and NULL for genres, as the triggers leave them).
            Execute(connection, """
                INSERT INTO "TrackSearch"(rowid, title, artist, tags, description, genres)
                SELECT t."Id", t."Title", t."ArtistName",
                    COALESCE((SELECT group_concat("Tag", ' ') FROM "TrackTags" WHERE "TrackId" = t."Id"), ''),
                    COALESCE(t."Description", ''),
                    (SELECT group_concat(g."Name", ' ') FROM "TrackGenres" tg JOIN "Genres" g ON g."Id" = tg."GenreId" WHERE tg."TrackId" = t."Id")
                FROM "Tracks" t ORDER BY t."Id"
                """);
            // The counters within each genre, as the migration fills them from existing rows.
            Execute(connection, MusicSite.Data.Migrations.CatalogCountersByGenre.Fill);
            foreach (var sql in dropped)
            {
                Execute(connection, sql);
            }
        }
        transaction.Commit();
        _transaction = null;
        // No ANALYZE (nor PRAGMA optimize, which runs it on the tables the load's statements searched): the site never
        // writes planner statistics, so the catalog must be measured with the plans a real site's database gets. With
        // statistics, the listed filter's three-column index looks like it selects 20 rows (ANALYZE counts each NULL
        // DeletedAt as its own value) and the newest page sorted every listed track: 37 ms for /tracks against 3 ms.
        Execute(connection, "PRAGMA journal_mode=WAL;");
        return $"{userCount:N0} artists, {albumCount:N0} albums, {links:N0} genre links, {tags:N0} tags, {playEvents:N0} play events";
    }

    private static string TrackTitle(Random random)
    {
        string A() => Adjectives[random.Next(Adjectives.Length)];
        string N() => Nouns[random.Next(Nouns.Length)];
        var words = random.Next(4) switch
        {
            0 => $"{A()} {N()}",
            1 => $"{N()} of the {N()}",
            2 => $"{A()} {N()} {N()}",
            _ => $"the {A()} {N()}",
        };
        return Title(words) + Suffixes[random.Next(Suffixes.Length)];
    }

    /// <summary>Capitals for the first word and every word of four letters or more ("Heart of the Ocean").</summary>
    private static string Title(string words)
    {
        var title = string.Join(' ', words.Split(' ').Select(w => w.Length > 3 ? char.ToUpperInvariant(w[0]) + w[1..] : w));
        return char.ToUpperInvariant(title[0]) + title[1..];
    }

    /// <summary>0..count-1, small indexes much more often (a quadratic skew).</summary>
    private static int Skewed(Random random, int count) => (int)(count * Math.Pow(random.NextDouble(), 2));

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static void Shuffle<T>(List<T> items, Random random)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
        command.ExecuteNonQuery();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        command.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection connection, string sql) => Column<long>(connection, sql).Single();

    internal static List<T> Column<T>(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        using var reader = command.ExecuteReader();
        var values = new List<T>();
        while (reader.Read())
        {
            values.Add(reader.GetFieldValue<T>(0));
        }
        return values;
    }
}
