using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using MusicSite.Accounts;
using MusicSite.Attribution;
using MusicSite.Catalog;
using MusicSite.Common;
using MusicSite.Web.Api;
using MusicSite.Web.Auth;
using MusicSite.Web.Hosting;

namespace MusicSite.Web.Endpoints;

/// <summary>A track's stems, with the address of the ZIP of its downloadable ones.</summary>
public sealed record TrackStemList(int TrackId, IReadOnlyList<StemSummary> Data, TrackStemLinks Urls);

public sealed record TrackStemLinks(string Download);

/// <summary>The read side of /api/stems: the browser's list with its filters, one stem, a track's stems and the
/// instrument types. Uploading, editing and serving stem files are mapped beside these under the same prefix.</summary>
public static class StemsApi
{
    public static IEndpointRouteBuilder MapStemsApi(this IEndpointRouteBuilder app)
    {
        var stems = app.MapGroup("/api/stems").WithTags("Stems").RequireRateLimiting(RateLimits.Reads);
        stems.MapGet("/", ListAsync).RequireRateLimiting(RateLimits.Search);
        stems.MapGet("/{id:int}", GetAsync);
        stems.MapGet("/track/{id:int}", OfTrackAsync);
        stems.MapGet("/instrument-types", InstrumentTypesAsync);
        return app;
    }

    /// <summary>Ready stems, newest first (or <c>sort=name</c>): search, instrument (id or name), key, bpm_min, bpm_max,
    /// license (code or name), remix_allowed (true/false), page, limit. Unknown or malformed values answer 400 with the
    /// field's message.</summary>
    public static async Task<Results<Ok<PagedList<StemSummary>>, ProblemHttpResult>> ListAsync(HttpRequest request, ClaimsPrincipal user,
        StemDirectory directory, SiteAddress site, CancellationToken cancellationToken)
    {
        var (query, errors) = StemQuery.Parse(name => request.Query[name].FirstOrDefault());
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var result = await directory.BrowseAsync(query, user.AsViewer(), cancellationToken);
        if (!result.Succeeded)
        {
            return ApiProblems.Validation(result.Errors);
        }
        return TypedResults.Ok(PagedList<StemSummary>.Create(WithUrls(result.Value!.Items, site), new PageQuery(query.Page, query.Limit),
            result.Value.Total));
    }

    /// <summary>One stem with its rights, license, source track and <c>urls</c>. A stem of a track the caller cannot
    /// see, or one still processing that is not theirs, is 404.</summary>
    public static async Task<Results<Ok<StemDetail>, ProblemHttpResult>> GetAsync(int id, ClaimsPrincipal user, StemDirectory directory,
        SiteAddress site, CancellationToken cancellationToken) =>
        await directory.FindAsync(id, user.AsViewer(), cancellationToken) is { } stem
            ? TypedResults.Ok(stem with { Urls = StemUrls.For(site.BaseUrl, stem) })
            : ApiProblems.NotFound(ErrorCodes.StemNotFound, "No stem has this id.");

    /// <summary>The stems of a track, in instrument order; 404 (410 when deleted) for a track the caller cannot see.</summary>
    public static async Task<Results<Ok<TrackStemList>, ProblemHttpResult>> OfTrackAsync(int id, ClaimsPrincipal user,
        StemDirectory directory, TrackCatalog catalog, SiteAddress site, CancellationToken cancellationToken)
    {
        if (await directory.OfTrackAsync(id, user.AsViewer(), cancellationToken) is not { } stems)
        {
            return await MissingTrack.ProblemAsync(id, user, catalog, cancellationToken);
        }
        return TypedResults.Ok(new TrackStemList(id, WithUrls(stems, site), new TrackStemLinks(site.BaseUrl + StemUrls.TrackDownload(id))));
    }

    /// <summary>The instrument types a stem can have, each with its category, in the seeded order.</summary>
    public static async Task<Ok<IReadOnlyList<InstrumentRef>>> InstrumentTypesAsync(StemDirectory directory, CancellationToken cancellationToken) =>
        TypedResults.Ok(await directory.InstrumentTypesAsync(cancellationToken));

    private static List<StemSummary> WithUrls(IReadOnlyList<StemSummary> stems, SiteAddress site) =>
        stems.Select(s => s with { Urls = StemUrls.For(site.BaseUrl, s) }).ToList();
}
