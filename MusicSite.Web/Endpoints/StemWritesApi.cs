using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using MusicSite.Accounts;
using MusicSite.Attribution;
using MusicSite.Common;
using MusicSite.Hosting;
using MusicSite.Media;
using MusicSite.Web.Api;
using MusicSite.Web.Auth;
using MusicSite.Web.Hosting;

namespace MusicSite.Web.Endpoints;

/// <summary>Uploading, editing and deleting stems: POST /api/stems, PUT and DELETE /api/stems/{id}. The read routes and
/// the files of a stem are elsewhere.</summary>
public static class StemWritesApi
{
    public static IEndpointRouteBuilder MapStemWritesApi(this IEndpointRouteBuilder app)
    {
        var stems = app.MapGroup("/api/stems").WithTags("Stems");
        stems.MapPost("/", CreateAsync).RequireAuthorization(Policies.MayUpload).DisableAntiforgery().RequireRateLimiting(RateLimits.Uploads);
        stems.MapPut("/{id:int}", UpdateAsync).RequireAuthorization().RequireRateLimiting(RateLimits.Edits);
        stems.MapDelete("/{id:int}", DeleteAsync).RequireAuthorization().RequireRateLimiting(RateLimits.Edits);
        return app;
    }

    /// <summary>Multipart: <c>trackId</c>, the stem's fields and the file as <c>audio</c>; or JSON with the same fields
    /// and the <c>uploadId</c> of a finished resumable upload. Answers 201 with the stem in state <c>pending</c>.</summary>
    public static async Task<Results<Created<StemDetail>, ProblemHttpResult>> CreateAsync(HttpRequest request, ClaimsPrincipal user,
        UploadStaging staging, StemUploadService uploads, StemDirectory directory, SiteAddress site, IOptions<UploadOptions> limits,
        CancellationToken cancellationToken)
    {
        if (request.HasJsonContentType())
        {
            return await CreateFromResumableAsync(request, user, uploads, directory, site, cancellationToken);
        }
        if (!request.HasFormContentType || !request.ContentType!.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            return ApiProblems.Problem(ErrorCodes.UnsupportedMediaType,
                "Send the stem as multipart/form-data with the file in a field named 'audio', or as JSON with the uploadId of a resumable upload.");
        }

        UploadForm form;
        try
        {
            form = await UploadForm.ReadAsync(request, staging, limits.Value, cancellationToken);
        }
        catch (UploadTooLargeException ex)
        {
            return ApiProblems.Problem(ErrorCodes.FileTooLarge, "The upload is too large.", $"Files can be at most {ex.Limit / 1_000_000} MB.");
        }
        catch (InvalidDataException ex)
        {
            return ApiProblems.Problem(ErrorCodes.ValidationFailed, "The upload could not be read.", ex.Message);
        }

        using (form)
        {
            if (form.Audio is not { Length: > 0 })
            {
                return ApiProblems.Validation(new FieldErrors().Add("audio", "Attach the audio file in a field named 'audio'."),
                    ErrorCodes.InvalidAudioFormat, "No audio file was sent.");
            }
            var result = await uploads.CreateAsync(form.Value(StemFieldNames.TrackId),
                new StemUpload(StemInputs.FromForm(form.Values), form.Audio, form.AudioFileName), user.AsViewer(), cancellationToken);
            return await CreatedAsync(result, user, directory, site, cancellationToken);
        }
    }

    private static async Task<Results<Created<StemDetail>, ProblemHttpResult>> CreateFromResumableAsync(HttpRequest request,
        ClaimsPrincipal user, StemUploadService uploads, StemDirectory directory, SiteAddress site, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var shape = new FieldErrors();
        var uploadId = JsonBody.Text(body, StemUploadService.UploadIdField, shape);
        if (shape.Any)
        {
            return ApiProblems.Validation(shape);
        }
        var result = await uploads.CreateFromResumableAsync(StemInputs.Text(body, StemFieldNames.TrackId), StemInputs.FromJson(body), uploadId,
            user.AsViewer(), cancellationToken);
        // Naming no usable upload is a mistake in the request itself: 400, not the 415 of unusable audio.
        if (!result.Succeeded && result.Errors.For(StemUploadService.UploadIdField).Count > 0)
        {
            return ApiProblems.Validation(result.Errors, result.Code!, "No finished upload was named.");
        }
        return await CreatedAsync(result, user, directory, site, cancellationToken);
    }

    private static async Task<Results<Created<StemDetail>, ProblemHttpResult>> CreatedAsync(ServiceResult<Stem> result,
        ClaimsPrincipal user, StemDirectory directory, SiteAddress site, CancellationToken cancellationToken)
    {
        if (!result.Succeeded)
        {
            return ApiProblems.FromResult(result.Code!, result.Errors);
        }
        var stem = await DetailAsync(result.Value!.Id, user, directory, site, cancellationToken);
        return TypedResults.Created(StemUrls.Api(stem.Id), stem);
    }

    /// <summary>The stem as GET /api/stems/{id} answers it, for the caller who just wrote it.</summary>
    private static async Task<StemDetail> DetailAsync(int id, ClaimsPrincipal user, StemDirectory directory, SiteAddress site,
        CancellationToken cancellationToken)
    {
        var stem = (await directory.FindAsync(id, user.AsViewer(), cancellationToken))!;
        return stem with { Urls = StemUrls.For(site.BaseUrl, stem) };
    }

    /// <summary>Edits the given fields (owner or admin): name, instrumentTypeId, key, bpm, license and the four rights.
    /// A field left out stays; key or bpm sent empty are the track's again.</summary>
    public static async Task<Results<Ok<StemDetail>, ProblemHttpResult>> UpdateAsync(int id, JsonElement body, ClaimsPrincipal user,
        StemEditor editor, StemDirectory directory, SiteAddress site, CancellationToken cancellationToken)
    {
        if (!JsonBody.IsObject(body))
        {
            return JsonBody.NotAnObject();
        }
        var result = await editor.UpdateAsync(id, StemInputs.FromJson(body), user.AsViewer(), cancellationToken);
        return result.Succeeded
            ? TypedResults.Ok(await DetailAsync(id, user, directory, site, cancellationToken))
            : ApiProblems.FromResult(result.Code!, result.Errors);
    }

    /// <summary>Soft delete (owner or admin): gone from every list at once; the files are removed by a job.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(int id, HttpContext context, StemEditor editor,
        CancellationToken cancellationToken)
    {
        var result = await editor.DeleteAsync(id, context.User.AsViewer(), context.ForAudit(), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : ApiProblems.FromResult(result.Code!, result.Errors);
    }
}
