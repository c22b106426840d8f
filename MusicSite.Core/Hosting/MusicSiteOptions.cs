namespace MusicSite.Hosting;

/// <summary>Settings bound from the "MusicSite" configuration section and the MUSICSITE_* variables.</summary>
public sealed class MusicSiteOptions
{
    public const string SectionName = "MusicSite";

    /// <summary>Root of everything MusicSite writes: database, media, uploads, keys, mail, backups, logs.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary><c>demo</c> seeds the demo catalog into an empty database; <c>none</c> does not.</summary>
    public string Seed { get; set; } = "demo";

    /// <summary>Where the seed text files are; by default the seeds/ folder copied beside the program.</summary>
    public string SeedsDirectory { get; set; } = Path.Combine(AppContext.BaseDirectory, "seeds");

    public string? AdminEmail { get; set; }
    public string? AdminPassword { get; set; }

    /// <summary>The site's public address, used in links inside mail. Empty: the first address the site listens on
    /// (never the request's Host header).</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Health turns unhealthy below this much free disk in the data directory.</summary>
    public long MinimumFreeDiskBytes { get; set; } = 512L * 1024 * 1024;

    public DataPaths Paths => new(DataDirectory);
}

/// <summary>The fixed layout of the data directory.</summary>
public sealed record DataPaths(string Root)
{
    public string FullRoot => Path.GetFullPath(Root);
    public string Database => Path.Combine(FullRoot, "musicsite.db");
    public string JobsDatabase => Path.Combine(FullRoot, "jobs.db");
    public string Media => Path.Combine(FullRoot, "media");
    public string Uploads => Path.Combine(FullRoot, "uploads");
    public string Keys => Path.Combine(FullRoot, "keys");
    public string Mail => Path.Combine(FullRoot, "mail");
    public string Backups => Path.Combine(FullRoot, "backups");
    public string Logs => Path.Combine(FullRoot, "logs");
    public string Temp => Path.Combine(FullRoot, "tmp");

    public IEnumerable<string> Directories => [FullRoot, Media, Uploads, Keys, Mail, Backups, Logs, Temp];

    public void EnsureCreated()
    {
        foreach (var dir in Directories)
        {
            Directory.CreateDirectory(dir);
        }
    }

    /// <summary>Resolves a path stored relative to the media root; refuses anything that escapes it.</summary>
    public string MediaPath(string relativePath)
    {
        var full = Path.GetFullPath(Path.Combine(Media, relativePath));
        var root = Path.GetFullPath(Media) + Path.DirectorySeparatorChar;
        if (!full.StartsWith(root, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Stored media path escapes the media root.");
        }
        return full;
    }
}

public sealed class MailOptions
{
    public const string SectionName = "Mail";
    public string From { get; set; } = "MusicSite <no-reply@musicsite.local>";
    /// <summary>SMTP host; when empty, mail is written as .eml files to the data directory's mail/ folder.</summary>
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;
    public bool SmtpEnableSsl { get; set; } = true;
    public string? SmtpUser { get; set; }
    public string? SmtpPassword { get; set; }
}

/// <summary>Every limit of the site. A limit (or the rate of a delay) set to 0 is off.</summary>
public sealed class RateLimitSettings
{
    public const string SectionName = "RateLimits";

    /// <summary>Account form posts (sign-in, registration, password reset, confirmation) per client address
    /// in one window, whatever token the request carries.</summary>
    public int AccountPermitLimit { get; set; } = 10;
    public int AccountWindowSeconds { get; set; } = 60;

    /// <summary>Registrations, reset requests, resets and confirmation mails per submitted email and window.</summary>
    public int AccountPerEmailLimit { get; set; } = 3;
    public int AccountPerEmailWindowSeconds { get; set; } = 15 * 60;

    /// <summary>Failed sign-ins for one email that cost nothing; past them, an address that failed waits.</summary>
    public int SignInFreeFailures { get; set; } = 5;
    /// <summary>The first wait after the free failures; it doubles with each further failure.</summary>
    public int SignInDelaySeconds { get; set; } = 15;
    public int SignInMaxDelaySeconds { get; set; } = 15 * 60;
    /// <summary>Failures are forgotten this long after the last one.</summary>
    public int SignInFailureMemorySeconds { get; set; } = 60 * 60;

    /// <summary>Track uploads (form, API, resumable) per user, else per address, in one hour.</summary>
    public int UploadsPerHour { get; set; } = 30;
    /// <summary>Catalog searches and listings per user, else per address, in one minute.</summary>
    public int SearchesPerMinute { get; set; } = 120;
    /// <summary>Edits and deletes per user in one minute.</summary>
    public int EditsPerMinute { get; set; } = 60;
    /// <summary>Other reads of the catalog (API and pages) per user, else per address, in one minute.</summary>
    public int ReadsPerMinute { get; set; } = 600;
    /// <summary>Contact messages (form and API) per client address in one hour.</summary>
    public int ContactPerHour { get; set; } = 5;
}

public sealed class MediaToolOptions
{
    public const string SectionName = "Media";
    public string FfmpegPath { get; set; } = "ffmpeg";
    public string FfprobePath { get; set; } = "ffprobe";
    public int ProcessTimeoutSeconds { get; set; } = 300;
    public long MaxAvatarBytes { get; set; } = 5 * 1024 * 1024;
}

public sealed class UploadOptions
{
    public const string SectionName = "Uploads";
    public long MaxUploadBytes { get; set; } = 200L * 1000 * 1000;
    public int MaxDurationSeconds { get; set; } = 30 * 60;
    public int MinSampleRate { get; set; } = 22_050;
    public long MaxArtworkBytes { get; set; } = 10L * 1024 * 1024;
    /// <summary>A resumable upload untouched for this long is abandoned and removed.</summary>
    public int AbandonedUploadHours { get; set; } = 24;
}

public sealed class ProcessingOptions
{
    public const string SectionName = "Processing";
    /// <summary>How many times a track's processing is tried before it is marked failed.</summary>
    public int MaxAttempts { get; set; } = 3;
    /// <summary>The wait before the first retry; each later retry waits twice as long.</summary>
    public int RetryDelaySeconds { get; set; } = 30;
    /// <summary>How many min/max pairs the waveform has.</summary>
    public int WaveformPoints { get; set; } = 1800;
    /// <summary>Variant encodes run at once; 0 means one per core.</summary>
    public int MaxParallelEncodes { get; set; }
    /// <summary>The job scheduler's name, stored with every job in jobs.db. Nodes of one site share it; two sites
    /// in one process (as in the tests) need different names, or Quartz hands both the first one's scheduler.</summary>
    public string SchedulerName { get; set; } = "MusicSite";
    /// <summary>How long the job-run history (/admin/jobs) keeps a run.</summary>
    public int JobHistoryDays { get; set; } = 30;
    /// <summary>The most runs the history keeps; the oldest go first.</summary>
    public int JobHistoryMaxRows { get; set; } = 10_000;
}
