using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using MusicSite.Accounts;
using MusicSite.Blog;
using MusicSite.Common;
using MusicSite.Web.Api;
using MusicSite.Web.Auth;

namespace MusicSite.Web.Endpoints;

/// <summary>Parameters of GET /api/blog/posts: paging and <c>category</c>, a category's slug or id.</summary>
public sealed record BlogPostListQuery(int? Page, int? Limit, string? Category);

/// <summary>
/// /api/blog: published posts (admins also see drafts and scheduled posts by id), categories, and the admins' writes
/// (POST, PUT, DELETE; anonymous 401, others 403). An unknown <c>category</c> is a 404 CATEGORY_NOT_FOUND, not an
/// empty list, so a typo is told apart from a category with no posts (decision 0032). The rules are
/// <see cref="BlogPosts"/>' and <see cref="BlogEditor"/>'s.
/// </summary>
public static class BlogApi
{
    public static IEndpointRouteBuilder MapBlogApi(this IEndpointRouteBuilder app)
    {
        var reads = app.MapGroup("/api/blog").WithTags("Blog").RequireRateLimiting(RateLimits.Reads);
        reads.MapGet("/posts", ListAsync);
        reads.MapGet("/posts/{id:int}", GetAsync);
        reads.MapGet("/categories", CategoriesAsync);

        var writes = app.MapGroup("/api/blog/posts").WithTags("Blog")
            .RequireAuthorization(Policies.Admin).DisableAntiforgery().RequireRateLimiting(RateLimits.Edits)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        writes.MapPost("/", CreateAsync);
        writes.MapPut("/{id:int}", UpdateAsync);
        writes.MapDelete("/{id:int}", DeleteAsync);
        return app;
    }

    public static async Task<Results<Ok<PagedList<BlogPostJson>>, ProblemHttpResult>> ListAsync(
        [AsParameters] BlogPostListQuery query, BlogPosts posts, CancellationToken cancellationToken)
    {
        var paging = new PageQuery(query.Page, query.Limit);
        var errors = paging.Validate();
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        int? categoryId = null;
        if (!string.IsNullOrEmpty(query.Category))
        {
            if (await posts.FindCategoryAsync(query.Category, cancellationToken) is not { } category)
            {
                return ApiProblems.NotFound(ErrorCodes.CategoryNotFound, "No blog category has this slug or id.");
            }
            categoryId = category.Id;
        }
        var (items, total) = await posts.PublishedAsync(categoryId, paging.PageNumber, paging.PageSize, cancellationToken);
        return TypedResults.Ok(PagedList<BlogPostJson>.Create(items.Select(BlogPostJson.From).ToList(), paging, total));
    }

    /// <summary>A post by id: drafts and scheduled posts are 404 POST_NOT_FOUND to everyone but admins.</summary>
    public static async Task<Results<Ok<BlogPostDetailJson>, ProblemHttpResult>> GetAsync(int id, ClaimsPrincipal user,
        BlogPosts posts, CancellationToken cancellationToken) =>
        await posts.FindAsync(id, user.AsViewer().IsAdmin, cancellationToken) is { } post
            ? TypedResults.Ok(BlogPostDetailJson.From(post))
            : ApiProblems.NotFound(ErrorCodes.PostNotFound);

    public static async Task<Ok<IReadOnlyList<BlogCategoryJson>>> CategoriesAsync(BlogPosts posts, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<BlogCategoryJson>>((await posts.CategoriesAsync(cancellationToken)).Select(BlogCategoryJson.From).ToList());

    /// <summary><c>{ "title", "markdown", "categoryId", "publishedAt", "slug" }</c>: null publishedAt is a draft, a
    /// future one schedules the post; slug is optional. Answers 201 with the post.</summary>
    public static async Task<Results<Created<BlogPostDetailJson>, ProblemHttpResult>> CreateAsync(JsonElement body, HttpContext context,
        BlogEditor editor, CancellationToken cancellationToken)
    {
        var (input, problem) = Read(body);
        if (problem is not null)
        {
            return problem;
        }
        var result = await editor.CreateAsync(input!, context.ForAudit(), cancellationToken);
        return result.Succeeded
            ? TypedResults.Created($"/api/blog/posts/{result.Value!.Id}", BlogPostDetailJson.From(result.Value))
            : ApiProblems.FromResult(result.Code!, result.Errors);
    }

    /// <summary>Sets every value (a value left out is cleared: no publishedAt makes the post a draft again); an
    /// empty slug keeps the address.</summary>
    public static async Task<Results<Ok<BlogPostDetailJson>, ProblemHttpResult>> UpdateAsync(int id, JsonElement body, HttpContext context,
        BlogEditor editor, CancellationToken cancellationToken)
    {
        var (input, problem) = Read(body);
        if (problem is not null)
        {
            return problem;
        }
        var result = await editor.UpdateAsync(id, input!, context.ForAudit(), cancellationToken);
        return result.Succeeded ? TypedResults.Ok(BlogPostDetailJson.From(result.Value!)) : ApiProblems.FromResult(result.Code!, result.Errors);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(int id, HttpContext context, BlogEditor editor,
        CancellationToken cancellationToken)
    {
        var result = await editor.DeleteAsync(id, context.ForAudit(), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : ApiProblems.FromResult(result.Code!, result.Errors);
    }

    private static (BlogPostInput? Input, ProblemHttpResult? Problem) Read(JsonElement body)
    {
        if (!JsonBody.IsObject(body))
        {
            return (null, JsonBody.NotAnObject());
        }
        var errors = new FieldErrors();
        var input = new BlogPostInput(JsonBody.Text(body, "title", errors), JsonBody.Text(body, "slug", errors),
            JsonBody.Text(body, "markdown", errors), JsonBody.Id(body, "categoryId", errors), JsonBody.Timestamp(body, "publishedAt", errors));
        if (errors.Any)
        {
            return (null, ApiProblems.Validation(errors));
        }
        // Field rules are checked by the editor; reading them here too gives every field's message at once.
        BlogFields.Check(input, errors);
        return errors.Any ? (null, ApiProblems.Validation(errors)) : (input, null);
    }
}
