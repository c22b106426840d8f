using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using MusicSite.Accounts;
using MusicSite.Catalog;
using MusicSite.Common;
using MusicSite.Hosting;
using MusicSite.Media;
using MusicSite.Web.Api;
using MusicSite.Web.Auth;

namespace MusicSite.Web.Endpoints;

/// <summary>/api/music/albums: list, read, create (multipart with optional artwork), edit (JSON), delete (covers: <see cref="ArtworkApi"/>).</summary>
public static class AlbumsApi
{
    public static IEndpointRouteBuilder MapAlbumsApi(this IEndpointRouteBuilder app)
    {
        var albums = app.MapGroup("/api/music/albums").WithTags("Albums").RequireRateLimiting(RateLimits.Reads);
        albums.MapGet("/", ListAsync).RequireRateLimiting(RateLimits.Search);
        albums.MapGet("/{id:int}", GetAsync);
        albums.MapPost("/", CreateAsync).RequireAuthorization(Policies.MayUpload).DisableAntiforgery().RequireRateLimiting(RateLimits.Edits);
        albums.MapPut("/{id:int}", UpdateAsync).RequireAuthorization().RequireRateLimiting(RateLimits.Edits);
        albums.MapDelete("/{id:int}", DeleteAsync).RequireAuthorization().RequireRateLimiting(RateLimits.Edits);
        return app;
    }

    public static async Task<Results<Ok<PagedList<AlbumListItem>>, ProblemHttpResult>> ListAsync([AsParameters] PageQuery paging,
        ClaimsPrincipal user, AlbumService albums, CancellationToken cancellationToken)
    {
        var errors = paging.Validate();
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var (items, total) = await albums.ListAsync(user.AsViewer(), paging.PageNumber, paging.PageSize, null, cancellationToken);
        return TypedResults.Ok(PagedList<AlbumListItem>.Create(AlbumListItem.From(items), paging, total));
    }

    public static async Task<Results<Ok<AlbumResponse>, ProblemHttpResult>> GetAsync(int id, ClaimsPrincipal user, AlbumService albums,
        CancellationToken cancellationToken) =>
        await albums.FindAsync(id, user.AsViewer(), cancellationToken) is { } album
            ? TypedResults.Ok(AlbumResponse.From(album))
            : ApiProblems.NotFound(ErrorCodes.AlbumNotFound, "No album has this id.");

    /// <summary>Multipart: title, artistName, releaseDate (YYYY-MM-DD), description, genres, and an optional <c>artwork</c>.</summary>
    public static async Task<Results<Created<AlbumResponse>, ProblemHttpResult>> CreateAsync(HttpRequest request, ClaimsPrincipal user,
        UploadStaging staging, AlbumService albums, IOptions<UploadOptions> limits, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return ApiProblems.Problem(ErrorCodes.UnsupportedMediaType, "Send the album as multipart/form-data.");
        }
        var form = await request.ReadFormAsync(cancellationToken);
        StagedFile? artwork;
        try
        {
            artwork = form.Files.GetFile("artwork") is { Length: > 0 } file
                ? await staging.StageAsync(file.OpenReadStream(), limits.Value.MaxArtworkBytes, cancellationToken)
                : null;
        }
        catch (UploadTooLargeException ex)
        {
            return ApiProblems.Problem(ErrorCodes.FileTooLarge, "The artwork is too large.",
                $"Artwork can be at most {Math.Max(1, ex.Limit / 1_000_000)} MB.");
        }
        using var staged = artwork;
        var input = new AlbumInput(form["title"].FirstOrDefault(), form["artistName"].FirstOrDefault(), form["releaseDate"].FirstOrDefault(),
            form["description"].FirstOrDefault(), form["genres"].Select(g => g ?? "").ToList());
        var result = await albums.CreateAsync(input, artwork, user.AsViewer(), user.DisplayName(), cancellationToken);
        if (!result.Succeeded)
        {
            return ApiProblems.FromResult(result.Code!, result.Errors, "Some album details are invalid.");
        }
        return TypedResults.Created($"/api/music/albums/{result.Value!.Id}",
            AlbumResponse.From((await albums.FindAsync(result.Value.Id, user.AsViewer(), cancellationToken))!));
    }

    /// <summary>JSON with the fields to change; a field left out stays as it is.</summary>
    public static async Task<Results<Ok<AlbumResponse>, ProblemHttpResult>> UpdateAsync(int id, JsonElement body, ClaimsPrincipal user,
        AlbumService albums, CancellationToken cancellationToken)
    {
        if (!JsonBody.IsObject(body))
        {
            return JsonBody.NotAnObject();
        }
        string? Text(string name) => body.TryGetProperty(name, out var v)
            ? v.ValueKind == JsonValueKind.Null ? "" : v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()
            : null;
        IReadOnlyList<string>? Genres() => body.TryGetProperty("genres", out var v)
            ? v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().Select(e => e.ToString()).ToList() : []
            : null;
        var result = await albums.UpdateAsync(id, new AlbumInput(Text("title"), Text("artistName"), Text("releaseDate"), Text("description"), Genres()),
            null, user.AsViewer(), cancellationToken);
        return result.Succeeded
            ? TypedResults.Ok(AlbumResponse.From((await albums.FindAsync(id, user.AsViewer(), cancellationToken))!))
            : ApiProblems.FromResult(result.Code!, result.Errors);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(int id, HttpContext context, AlbumService albums,
        CancellationToken cancellationToken)
    {
        var result = await albums.DeleteAsync(id, context.User.AsViewer(), context.ForAudit(), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : ApiProblems.FromResult(result.Code!, result.Errors);
    }
}
