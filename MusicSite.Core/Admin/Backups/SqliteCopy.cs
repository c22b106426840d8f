using Microsoft.Data.Sqlite;

namespace MusicSite.Admin.Backups;

/// <summary>
/// The raw SQLite work of backups: an online page copy of a live database with SQLite's backup API, the integrity
/// check, and the facts a manifest records about a copy. Each connection here is unpooled, so no file stays open
/// once a step is done (the backup folder is renamed, moved and deleted afterwards).
/// </summary>
public static class SqliteCopy
{
    /// <summary>The rows counted into a manifest, by the name it shows them under.</summary>
    public static readonly IReadOnlyDictionary<string, string> CountedTables = new Dictionary<string, string>
    {
        ["users"] = "AspNetUsers",
        ["tracks"] = "Tracks",
        ["albums"] = "Albums",
        ["stems"] = "Stems",
        ["mediaFiles"] = "MediaFiles",
        ["stemFiles"] = "StemFiles",
        ["plays"] = "PlayEvents",
    };

    /// <summary>Copies <paramref name="source"/> (which may be written meanwhile) to a new file <paramref name="target"/>.
    /// The copy is one read transaction of the source, so it is the database as it stood at one moment; in WAL mode
    /// writers go on meanwhile. The copy is switched to a rollback journal so it is one self-contained file.</summary>
    public static void Copy(string source, string target)
    {
        // Read-write although it only reads: a read-only connection cannot always open a WAL database's shared memory.
        using (var from = Open(source, SqliteOpenMode.ReadWrite))
        using (var to = Open(target, SqliteOpenMode.ReadWriteCreate))
        {
            from.BackupDatabase(to);
            Execute(to, "PRAGMA journal_mode=DELETE;");
        }
    }

    /// <summary>"ok", or the first problems <c>PRAGMA integrity_check</c> names.</summary>
    public static string IntegrityCheck(string path)
    {
        using var connection = Open(path, SqliteOpenMode.ReadOnly);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read() && lines.Count < 10)
        {
            lines.Add(reader.GetString(0));
        }
        return string.Join("; ", lines);
    }

    /// <summary>The newest migration applied to the database at <paramref name="path"/>, or null.</summary>
    public static string? LastMigration(string path)
    {
        using var connection = Open(path, SqliteOpenMode.ReadOnly);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT MigrationId FROM \"__EFMigrationsHistory\" ORDER BY MigrationId DESC LIMIT 1;";
        return command.ExecuteScalar() as string;
    }

    public static IReadOnlyDictionary<string, long> Counts(string path)
    {
        using var connection = Open(path, SqliteOpenMode.ReadOnly);
        var counts = new Dictionary<string, long>();
        foreach (var (name, table) in CountedTables)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM \"{table}\";";
            counts[name] = (long)command.ExecuteScalar()!;
        }
        return counts;
    }

    /// <summary>Every media file the database at <paramref name="path"/> names, relative to the media root with '/':
    /// audio, waveforms, stems, avatars, and both sizes of each stored artwork (artwork is stored as a folder; which
    /// files it holds is <see cref="Media.ArtworkStore"/>'s rule).</summary>
    public static IReadOnlyList<string> ReferencedMedia(string path)
    {
        const string files = """
            SELECT RelativePath FROM MediaFiles
            UNION SELECT WaveformPath FROM Tracks WHERE WaveformPath IS NOT NULL
            UNION SELECT WaveformPath FROM Stems WHERE WaveformPath IS NOT NULL
            UNION SELECT RelativePath FROM StemFiles
            UNION SELECT AvatarPath FROM AspNetUsers WHERE AvatarPath IS NOT NULL;
            """;
        const string artwork = """
            SELECT ArtworkPath FROM Tracks WHERE ArtworkPath IS NOT NULL
            UNION SELECT ArtworkPath FROM Albums WHERE ArtworkPath IS NOT NULL;
            """;
        using var connection = Open(path, SqliteOpenMode.ReadOnly);
        return Strings(connection, files)
            .Concat(Strings(connection, artwork).SelectMany(a => new[] { Media.ArtworkStore.LargeFile(a), Media.ArtworkStore.ThumbnailFile(a) }))
            .Select(p => p.Replace('\\', '/')).Distinct(StringComparer.Ordinal).ToList();
    }

    private static List<string> Strings(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            Pooling = false,
        }.ToString());
        connection.Open();
        // A reader of a WAL database waits here in the rare moments a checkpoint holds it up.
        Execute(connection, $"PRAGMA busy_timeout={Data.SqliteDatabase.BusyTimeoutMilliseconds};");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
