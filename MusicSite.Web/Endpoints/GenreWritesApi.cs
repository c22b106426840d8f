using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using MusicSite.Common;
using MusicSite.Genres;
using MusicSite.Web.Api;
using MusicSite.Web.Auth;

namespace MusicSite.Web.Endpoints;

/// <summary>
/// Curating the genre tree (admins only; anonymous 401, others 403): POST /api/genres, PUT and DELETE
/// /api/genres/{id}, POST /api/genres/{id}/merge, PUT and DELETE /api/genres/{id}/related/{otherId}. The rules are
/// <see cref="GenreCuration"/>'s; this class reads the JSON bodies and maps the outcomes to HTTP.
/// </summary>
public static class GenreWritesApi
{
    public static IEndpointRouteBuilder MapGenreWritesApi(this IEndpointRouteBuilder app)
    {
        var genres = app.MapGroup("/api/genres").WithTags("Genres")
            .RequireAuthorization(Policies.Admin).DisableAntiforgery().RequireRateLimiting(RateLimits.Edits)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        genres.MapPost("/", CreateAsync);
        genres.MapPut("/{id:int}", UpdateAsync);
        genres.MapDelete("/{id:int}", DeleteAsync);
        genres.MapPost("/{id:int}/merge", MergeAsync);
        genres.MapPut("/{id:int}/related/{otherId:int}", RelateAsync);
        genres.MapDelete("/{id:int}/related/{otherId:int}", UnrelateAsync);
        return app;
    }

    /// <summary><c>{ "name", "slug", "description", "parentId" }</c>: the name is required, an empty slug is made from
    /// it. Answers 201 with the genre.</summary>
    public static async Task<Results<Created<GenreListItem>, ProblemHttpResult>> CreateAsync(JsonElement body, HttpContext context,
        GenreCuration curation, CancellationToken cancellationToken)
    {
        var (input, problem) = ReadGenre(body);
        if (problem is not null)
        {
            return problem;
        }
        var result = await curation.CreateAsync(input!, context.ForAudit(), cancellationToken);
        return result.Succeeded
            ? TypedResults.Created(Location(result.Value!.Id), result.Value)
            : ApiProblems.FromResult(result.Code!, result.Errors);
    }

    /// <summary>Sets all four values (a value left out is cleared; parentId left out is the top level). A new slug
    /// retires the old one, which then redirects.</summary>
    public static async Task<Results<Ok<GenreListItem>, ProblemHttpResult>> UpdateAsync(int id, JsonElement body, HttpContext context,
        GenreCuration curation, CancellationToken cancellationToken)
    {
        var (input, problem) = ReadGenre(body);
        if (problem is not null)
        {
            return problem;
        }
        return Answer(await curation.UpdateAsync(id, input!, context.ForAudit(), cancellationToken));
    }

    /// <summary>Deletes an empty genre, or with <c>?reassignTo=</c> moves its subgenres, tracks, albums and relations
    /// there first.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(int id, string? reassignTo, HttpContext context,
        GenreCuration curation, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var target = QueryValues.WholeNumber(reassignTo, "reassignTo", int.MaxValue, errors);
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var result = await curation.DeleteAsync(id, target, context.ForAudit(), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : ApiProblems.FromResult(result.Code!, result.Errors);
    }

    /// <summary><c>{ "intoId": 12 }</c>: genre {id} merges into genre 12 and is deleted. Answers with the survivor.</summary>
    public static async Task<Results<Ok<GenreListItem>, ProblemHttpResult>> MergeAsync(int id, JsonElement body, HttpContext context,
        GenreCuration curation, CancellationToken cancellationToken)
    {
        if (!JsonBody.IsObject(body))
        {
            return JsonBody.NotAnObject();
        }
        var errors = new FieldErrors();
        if (JsonBody.Id(body, "intoId", errors) is not { } intoId)
        {
            return ApiProblems.Validation(errors.Any ? errors : errors.Add("intoId", "Name the genre to merge into: intoId."));
        }
        return Answer(await curation.MergeAsync(id, intoId, context.ForAudit(), cancellationToken));
    }

    /// <summary><c>{ "kind": "related" | "similar", "weight": 0.1 to 1.0 }</c> (kind related when left out): adds or
    /// changes the curated relation between the two genres, whichever way round it was stored.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> RelateAsync(int id, int otherId, JsonElement body, HttpContext context,
        GenreCuration curation, CancellationToken cancellationToken)
    {
        if (!JsonBody.IsObject(body))
        {
            return JsonBody.NotAnObject();
        }
        var errors = new FieldErrors();
        var kindText = JsonBody.Text(body, "kind", errors);
        var kind = GenreRelationKind.Related;
        if (kindText is not null && !EnumNames.TryParse(kindText, out kind))
        {
            errors.Add("kind", "kind is related or similar.");
        }
        var weight = JsonBody.Number(body, "weight", errors);
        if (weight is null && errors.For("weight").Count == 0)
        {
            errors.Add("weight", GenreFields.WeightMessage);
        }
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var result = await curation.RelateAsync(id, otherId, new GenreRelationInput(kind, weight!.Value), context.ForAudit(), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : ApiProblems.FromResult(result.Code!, result.Errors);
    }

    /// <summary>Removes the curated relation between the two genres; 204 also when there was none.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> UnrelateAsync(int id, int otherId, HttpContext context,
        GenreCuration curation, CancellationToken cancellationToken)
    {
        var result = await curation.UnrelateAsync(id, otherId, context.ForAudit(), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : ApiProblems.FromResult(result.Code!, result.Errors);
    }

    private static (GenreInput? Input, ProblemHttpResult? Problem) ReadGenre(JsonElement body)
    {
        if (!JsonBody.IsObject(body))
        {
            return (null, JsonBody.NotAnObject());
        }
        var errors = new FieldErrors();
        var input = new GenreInput(JsonBody.Text(body, "name", errors), JsonBody.Text(body, "slug", errors),
            JsonBody.Text(body, "description", errors), JsonBody.Id(body, "parentId", errors));
        return errors.Any ? (null, ApiProblems.Validation(errors)) : (input, null);
    }

    private static Results<Ok<GenreListItem>, ProblemHttpResult> Answer(ServiceResult<GenreListItem> result) =>
        result.Succeeded ? TypedResults.Ok(result.Value!) : ApiProblems.FromResult(result.Code!, result.Errors);

    private static string Location(int id) => $"/api/genres/{id}";
}
