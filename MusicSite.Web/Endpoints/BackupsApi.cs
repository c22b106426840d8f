using System.Formats.Tar;
using System.IO.Compression;
using Microsoft.AspNetCore.Http.HttpResults;
using MusicSite.Admin.Backups;
using MusicSite.Common;
using MusicSite.Web.Api;
using MusicSite.Web.Auth;

namespace MusicSite.Web.Endpoints;

/// <summary>A backup as the API shows it.</summary>
public sealed record BackupSummary(string Name, DateTime CreatedAt, long SizeBytes, string SiteVersion, string? Migration,
    IReadOnlyDictionary<string, long> Counts, int MediaFileCount, long MediaBytes, string DownloadUrl)
{
    public static BackupSummary From(BackupInfo backup) => new(backup.Name, backup.CreatedAt, backup.SizeBytes,
        backup.Manifest.SiteVersion, backup.Manifest.Migration, backup.Manifest.Counts, backup.Manifest.MediaFileCount,
        backup.Manifest.MediaBytes, BackupsApi.DownloadPath(backup.Name));
}

/// <summary>
/// Backups for admins: GET /api/admin/backups (newest first), POST /api/admin/backups (makes one now; 409
/// BACKUP_RUNNING while another runs), GET /api/admin/backups/{name}/download (a .tar.gz of the database copies and
/// the manifest, streamed). The rules are <see cref="BackupMaker"/>'s and <see cref="BackupStore"/>'s.
/// </summary>
public static class BackupsApi
{
    public static IEndpointRouteBuilder MapBackupsApi(this IEndpointRouteBuilder app)
    {
        var backups = app.MapAdminGroup("/backups", "Backups");
        backups.MapGet("/", ListAsync);
        backups.MapPost("/", CreateAsync).RequireRateLimiting(RateLimits.Edits);
        backups.MapGet("/{name}/download", DownloadAsync)
            .Produces(StatusCodes.Status200OK, contentType: "application/gzip")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static string DownloadPath(string name) => $"{AdminApi.Prefix}/backups/{name}/download";

    /// <summary>Every backup kept, newest first, in the list envelope (retention keeps the list short).</summary>
    public static async Task<Ok<PagedList<BackupSummary>>> ListAsync(BackupStore store, CancellationToken cancellationToken)
    {
        var backups = (await store.ListAsync(cancellationToken)).Select(BackupSummary.From).ToList();
        return TypedResults.Ok(PagedList<BackupSummary>.Create(backups, new PageQuery(1, Math.Max(1, backups.Count)), backups.Count));
    }

    /// <summary>Makes a backup now and answers 201 with it once it is complete.</summary>
    public static async Task<Results<Created<BackupSummary>, ProblemHttpResult>> CreateAsync(HttpContext context,
        BackupMaker maker, CancellationToken cancellationToken)
    {
        var result = await maker.CreateAsync(context.ForAudit(), cancellationToken);
        if (!result.Succeeded)
        {
            return result.Code == ErrorCodes.BackupFailed
                ? ApiProblems.Problem(result.Code, detail: result.Errors.For("backup").FirstOrDefault())
                : ApiProblems.Problem(result.Code!);
        }
        var summary = BackupSummary.From(result.Value!);
        return TypedResults.Created(summary.DownloadUrl, summary);
    }

    /// <summary>The backup as <c>{name}.tar.gz</c>, written straight to the response (never held in memory).
    /// Names are checked by <see cref="BackupName"/>: anything else is a 404.</summary>
    public static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> DownloadAsync(string name, BackupStore store,
        CancellationToken cancellationToken)
    {
        if (await store.FindAsync(name, cancellationToken) is not { } backup)
        {
            return ApiProblems.NotFound(ErrorCodes.BackupNotFound);
        }
        var folder = Path.Combine(store.Root, backup.Name);
        return TypedResults.Stream(async body =>
        {
            await using var gzip = new GZipStream(body, CompressionLevel.Fastest, leaveOpen: true);
            await using var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true);
            foreach (var file in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
            {
                await tar.WriteEntryAsync(file, $"{backup.Name}/{Path.GetFileName(file)}", cancellationToken);
            }
        }, "application/gzip", $"musicsite-backup-{backup.Name}.tar.gz");
    }
}
