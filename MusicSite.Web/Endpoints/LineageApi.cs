using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using MusicSite.Accounts;
using MusicSite.Attribution;
using MusicSite.Catalog;
using MusicSite.Common;
using MusicSite.Web.Api;
using MusicSite.Web.Auth;
using MusicSite.Web.Hosting;

namespace MusicSite.Web.Endpoints;

/// <summary>A track's stem sources: each used stem beside the track it comes from.</summary>
public sealed record StemSourceList(IReadOnlyList<UsedStem> Data);

/// <summary>Reading the lineage: a track's originals, remixes and relationship graph, and the stem-side views
/// (who uses a stem, which stems a track uses, what a stem belongs to). Masking is Core's (<see cref="Lineage"/>).</summary>
public static class LineageApi
{
    public static IEndpointRouteBuilder MapLineageApi(this IEndpointRouteBuilder app)
    {
        var tracks = app.MapGroup("/api/music/tracks/{id:int}").WithTags("Lineage").RequireRateLimiting(RateLimits.Reads);
        tracks.MapGet("/attribution", AttributionAsync);
        tracks.MapGet("/remixes", RemixesAsync);
        tracks.MapGet("/relationships", RelationshipsAsync);

        var stems = app.MapGroup("/api/stems").WithTags("Lineage").RequireRateLimiting(RateLimits.Reads);
        stems.MapGet("/{id:int}/usage", StemUsageAsync);
        stems.MapGet("/track/{id:int}/sources", StemSourcesAsync);
        stems.MapGet("/attribution/{id:int}", StemAttributionAsync);
        return app;
    }

    /// <summary>The originals and theirs, <c>depth</c> generations back (1 to 10, default 10), with stems used on the way.</summary>
    public static Task<Results<Ok<LineageGraph>, ProblemHttpResult>> AttributionAsync(int id, [FromQuery] string? depth,
        ClaimsPrincipal user, Lineage lineage, TrackCatalog catalog, SiteAddress site, CancellationToken cancellationToken) =>
        TrackGraphAsync(id, depth, "depth", Lineage.MaxDepth, lineage.AttributionAsync, user, catalog, site, cancellationToken);

    /// <summary>The derivatives and theirs, <c>depth</c> generations on (1 to 10, default 1: the direct ones).</summary>
    public static Task<Results<Ok<LineageGraph>, ProblemHttpResult>> RemixesAsync(int id, [FromQuery] string? depth,
        ClaimsPrincipal user, Lineage lineage, TrackCatalog catalog, SiteAddress site, CancellationToken cancellationToken) =>
        TrackGraphAsync(id, depth, "depth", Lineage.DefaultRemixDepth, lineage.DerivativesAsync, user, catalog, site, cancellationToken);

    /// <summary>The graph both ways, <c>generations</c> each way (1 to 10, default 3), stems as leaves.</summary>
    public static Task<Results<Ok<LineageGraph>, ProblemHttpResult>> RelationshipsAsync(int id, [FromQuery] string? generations,
        ClaimsPrincipal user, Lineage lineage, TrackCatalog catalog, SiteAddress site, CancellationToken cancellationToken) =>
        TrackGraphAsync(id, generations, "generations", Lineage.DefaultGenerations, lineage.GraphAsync, user, catalog, site, cancellationToken);

    /// <summary>The tracks using the stem and their derivatives, <c>depth</c> generations on (1 to 10, default 10).</summary>
    public static async Task<Results<Ok<LineageGraph>, ProblemHttpResult>> StemUsageAsync(int id, [FromQuery] string? depth,
        ClaimsPrincipal user, Lineage lineage, SiteAddress site, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var generations = Lineage.ParseDepth(depth, Lineage.MaxDepth, "depth", errors);
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        return await lineage.StemUsageAsync(id, user.AsViewer(), generations, cancellationToken) is { } graph
            ? TypedResults.Ok(LineageUrls.With(site.BaseUrl, graph))
            : ApiProblems.NotFound(ErrorCodes.StemNotFound);
    }

    public static async Task<Results<Ok<StemSourceList>, ProblemHttpResult>> StemSourcesAsync(int id, ClaimsPrincipal user,
        Lineage lineage, TrackCatalog catalog, SiteAddress site, CancellationToken cancellationToken)
    {
        if (await lineage.StemSourcesAsync(id, user.AsViewer(), cancellationToken) is not { } sources)
        {
            return await MissingTrack.ProblemAsync(id, user, catalog, cancellationToken);
        }
        return TypedResults.Ok(new StemSourceList(sources
            .Select(s => new UsedStem(LineageUrls.With(site.BaseUrl, s.Stem), LineageUrls.With(site.BaseUrl, s.Track))).ToList()));
    }

    public static async Task<Results<Ok<StemAttribution>, ProblemHttpResult>> StemAttributionAsync(int id, ClaimsPrincipal user,
        Lineage lineage, SiteAddress site, CancellationToken cancellationToken)
    {
        if (await lineage.StemAttributionAsync(id, user.AsViewer(), cancellationToken) is not { } attribution)
        {
            return ApiProblems.NotFound(ErrorCodes.StemNotFound);
        }
        return TypedResults.Ok(new StemAttribution(LineageUrls.With(site.BaseUrl, attribution.Stem),
            LineageUrls.With(site.BaseUrl, attribution.Track), LineageUrls.With(site.BaseUrl, attribution.BasedOn)));
    }

    private static async Task<Results<Ok<LineageGraph>, ProblemHttpResult>> TrackGraphAsync(int id, string? text, string field, int fallback,
        Func<int, Viewer, int, CancellationToken, Task<LineageGraph?>> read, ClaimsPrincipal user, TrackCatalog catalog, SiteAddress site,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var depth = Lineage.ParseDepth(text, fallback, field, errors);
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        return await read(id, user.AsViewer(), depth, cancellationToken) is { } graph
            ? TypedResults.Ok(LineageUrls.With(site.BaseUrl, graph))
            : await MissingTrack.ProblemAsync(id, user, catalog, cancellationToken);
    }
}
