using System.Globalization;
using Microsoft.Data.Sqlite;

/// <summary>
/// The raw side of <see cref="CatalogBench"/>: the ideal SQLite queries for each list, written by hand, run on the
/// same database file the site serves (a read-only connection of its own). Each list is its page of ids (visible
/// filter, sort, limit), the details of those ids (what the site's TrackCatalog.Summaries reads: album, license,
/// genre names, uploader), and its exact count.
/// </summary>
sealed class CatalogRaw : IDisposable
{
    /// <summary>A listed track: what anonymous lists show.</summary>
    public const string Listed = """t."DeletedAt" IS NULL AND t."IsPublic" = 1 AND t."State" = 'Ready'""";
    public const string InGenre = """t."Id" IN (SELECT tg."TrackId" FROM "TrackGenres" tg JOIN "GenreClosure" c ON c."DescendantId" = tg."GenreId" WHERE c."AncestorId" = $genre)""";

    private readonly SqliteConnection _connection;

    public CatalogRaw(string file)
    {
        // Core's module initializer lets Microsoft.Data.Sqlite load the SQLite library (see SqliteNativeShim).
        System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(typeof(MusicSite.Data.MusicSiteDbContext).Module.ModuleHandle);
        _connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        _connection.Open();
    }

    /// <summary>A page of listed tracks: ids in order, their details, and the count of the whole list.</summary>
    public void Tracks(string where, string orderBy, int offset, params (string Name, object Value)[] parameters)
    {
        var ids = Ids($"""SELECT t."Id" FROM "Tracks" t WHERE {Listed} {where} ORDER BY {orderBy} LIMIT 20 OFFSET {offset}""", parameters);
        Details(ids);
        Scalar($"""SELECT count(*) FROM "Tracks" t WHERE {Listed} {where}""", parameters);
    }

    /// <summary>The ranked full-text query with the site's weights (the index's rank setting), in its fastest shape
    /// (decision 0049): the index alone keeps its 60 best matches (ties by id, newest first), the listed ones of those
    /// are the top 20 (every match ranked and joined only when fewer than 20 of them are listed); their details; and
    /// the count up to the site's cap of 1,000 ("1,000+"), the full-text query outermost.</summary>
    public void Search(string match)
    {
        var ids = Ids($"""
            SELECT t."Id" FROM (SELECT rowid AS id, rank AS r FROM "TrackSearch" WHERE "TrackSearch" MATCH $match ORDER BY rank, rowid DESC LIMIT 60) h
            CROSS JOIN "Tracks" t ON t."Id" = h.id WHERE {Listed} ORDER BY h.r, t."Id" DESC LIMIT 20
            """, ("$match", match));
        if (ids.Count < 20)
        {
            ids = Ids($"""
                SELECT t."Id" FROM (SELECT rowid AS id, rank AS r FROM "TrackSearch" WHERE "TrackSearch" MATCH $match) h
                CROSS JOIN "Tracks" t ON t."Id" = h.id WHERE {Listed} ORDER BY h.r, t."Id" DESC LIMIT 20
                """, ("$match", match));
        }
        Details(ids);
        // CROSS JOIN keeps the full-text query outermost: the other order runs the MATCH once per listed track.
        Scalar($"""
            SELECT count(*) FROM (SELECT 1 FROM "TrackSearch" s CROSS JOIN "Tracks" t ON t."Id" = s.rowid
            WHERE "TrackSearch" MATCH $match AND {Listed} LIMIT 1001)
            """, ("$match", match));
    }

    /// <summary>A newest-first page after a (CreatedAt, Id) key: keyset paging.</summary>
    public void NewestAfter(string createdAt, long id)
    {
        var ids = Ids($"""
            SELECT t."Id" FROM "Tracks" t WHERE {Listed} AND (t."CreatedAt", t."Id") < ($created, $id)
            ORDER BY t."CreatedAt" DESC, t."Id" DESC LIMIT 20
            """, ("$created", createdAt), ("$id", id));
        Details(ids);
        Scalar($"""SELECT count(*) FROM "Tracks" t WHERE {Listed}""");
    }

    /// <summary>The newest-first key of the last track before the page (for <see cref="NewestAfter"/>).</summary>
    public (string CreatedAt, long Id) NewestKeyBefore(int page)
    {
        using var command = Command($"""SELECT t."CreatedAt", t."Id" FROM "Tracks" t WHERE {Listed} ORDER BY t."CreatedAt" DESC, t."Id" DESC LIMIT 1 OFFSET {(page - 1) * 20 - 1}""");
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetString(0), reader.GetInt64(1));
    }

    /// <summary>/albums: newest release first, each with its owner and its number of public tracks; the count.</summary>
    public void Albums()
    {
        Ids("""
            SELECT a."Id", a."Title", a."ArtistName", a."ReleaseDate", a."UpdatedAt", u."DisplayName", u."ArtistSlug", u."FollowerCount",
                (SELECT count(*) FROM "Tracks" t WHERE t."AlbumId" = a."Id" AND t."DeletedAt" IS NULL AND t."IsPublic" = 1)
            FROM "Albums" a JOIN "AspNetUsers" u ON u."Id" = a."OwnerId" ORDER BY a."ReleaseDate" DESC, a."Id" DESC LIMIT 20
            """);
        Scalar("""SELECT count(*) FROM "Albums" """);
    }

    /// <summary>/artists: people with a listed track or an album, by name, with both numbers; the count.</summary>
    public void Artists()
    {
        const string isArtist = $"""
            u."DeletedAt" IS NULL AND (EXISTS (SELECT 1 FROM "Tracks" t WHERE t."UploaderId" = u."Id" AND {Listed})
                OR EXISTS (SELECT 1 FROM "Albums" a WHERE a."OwnerId" = u."Id"))
            """;
        Ids($"""
            SELECT u."Id", u."DisplayName", u."ArtistSlug", u."AvatarPath",
                (SELECT count(*) FROM "Tracks" t WHERE t."UploaderId" = u."Id" AND {Listed}),
                (SELECT count(*) FROM "Albums" a WHERE a."OwnerId" = u."Id")
            FROM "AspNetUsers" u WHERE {isArtist} ORDER BY u."DisplayName" COLLATE NOCASE, u."Id" LIMIT 20
            """);
        Scalar($"""SELECT count(*) FROM "AspNetUsers" u WHERE {isArtist}""");
    }

    /// <summary>The home page's lists: the 10 latest and the 10 most played listed tracks with their details.</summary>
    public void Home()
    {
        Details(Ids($"""SELECT t."Id" FROM "Tracks" t WHERE {Listed} ORDER BY t."CreatedAt" DESC, t."Id" DESC LIMIT 10"""));
        Details(Ids($"""SELECT t."Id" FROM "Tracks" t WHERE {Listed} ORDER BY t."PlayCount" DESC, t."Id" DESC LIMIT 10"""));
    }

    /// <summary>A genre page: its 20 most played listed tracks (subgenres included) and the counts of it and its children.</summary>
    public void GenrePage(long genre)
    {
        Details(Ids($"""SELECT t."Id" FROM "Tracks" t WHERE {Listed} AND {InGenre} ORDER BY t."PlayCount" DESC, t."Id" DESC LIMIT 20""", ("$genre", genre)));
        Ids($"""
            SELECT g."Id", (SELECT count(*) FROM "Tracks" t WHERE {Listed} AND {InGenre.Replace("$genre", "g.\"Id\"", StringComparison.Ordinal)})
            FROM "Genres" g WHERE g."Id" = $genre OR g."ParentId" = $genre
            """, ("$genre", genre));
    }

    /// <summary>What the site's TrackCatalog.Summaries reads for a page of ids.</summary>
    private void Details(List<long> ids) => Ids("""
        SELECT t."Id", t."Title", t."ArtistName", a."Title", t."AlbumId", t."DurationSeconds", l."Name",
            (SELECT group_concat(g."Name", '|') FROM "TrackGenres" tg JOIN "Genres" g ON g."Id" = tg."GenreId" WHERE tg."TrackId" = t."Id"),
            t."CreatedAt", t."Bpm", t."Key", t."PlayCount", t."UploaderId", u."DisplayName", u."ArtistSlug", u."FollowerCount", t."UpdatedAt", t."LikeCount"
        FROM "Tracks" t LEFT JOIN "Albums" a ON a."Id" = t."AlbumId" JOIN "Licenses" l ON l."Id" = t."LicenseId"
            JOIN "AspNetUsers" u ON u."Id" = t."UploaderId"
        WHERE t."Id" IN (SELECT value FROM json_each($ids))
        """, ("$ids", "[" + string.Join(",", ids.Select(i => i.ToString(CultureInfo.InvariantCulture))) + "]"));

    /// <summary>Runs a query and reads every row; the first column as ids.</summary>
    public List<long> Ids(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        using var reader = command.ExecuteReader();
        var ids = new List<long>();
        while (reader.Read())
        {
            for (var i = 1; i < reader.FieldCount; i++)
            {
                _ = reader.GetValue(i);
            }
            ids.Add(reader.GetInt64(0));
        }
        return ids;
    }

    /// <summary>The first row's text and number (a slug or code and its id).</summary>
    /// <summary>The first column of every row, as text; <paramref name="setup"/> runs first, if given.</summary>
    public List<string> Texts(string sql, string? setup = null)
    {
        if (setup is not null)
        {
            using var prepare = Command(setup);
            prepare.ExecuteNonQuery();
        }
        using var command = Command(sql);
        using var reader = command.ExecuteReader();
        var texts = new List<string>();
        while (reader.Read())
        {
            texts.Add(reader.GetString(0));
        }
        return texts;
    }

    public (string Text, long Id) Pair(string sql)
    {
        using var command = Command(sql);
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetString(0), reader.GetInt64(1));
    }

    public object? Scalar(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteScalar();
    }

    private SqliteCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return command;
    }

    public void Dispose() => _connection.Dispose();
}
