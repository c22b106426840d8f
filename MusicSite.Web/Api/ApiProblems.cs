using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using MusicSite.Common;

namespace MusicSite.Web.Api;

/// <summary>RFC 9457 problem responses with MusicSite's extra <c>code</c> (and <c>errors</c> for fields).</summary>
public static class ApiProblems
{
    public static bool IsApiRequest(HttpRequest request) => request.Path.StartsWithSegments("/api");

    /// <summary>The code a problem gets when the handler that made it did not name one.</summary>
    public static string DefaultCode(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "VALIDATION_FAILED",
        StatusCodes.Status401Unauthorized => "UNAUTHORIZED",
        StatusCodes.Status403Forbidden => "UNAUTHORIZED_ACCESS",
        StatusCodes.Status404NotFound => "NOT_FOUND",
        StatusCodes.Status405MethodNotAllowed => "METHOD_NOT_ALLOWED",
        StatusCodes.Status409Conflict => "CONFLICT",
        StatusCodes.Status413PayloadTooLarge => "FILE_TOO_LARGE",
        StatusCodes.Status415UnsupportedMediaType => "UNSUPPORTED_MEDIA_TYPE",
        StatusCodes.Status429TooManyRequests => "RATE_LIMITED",
        >= 500 => "INTERNAL_ERROR",
        _ => "ERROR",
    };

    public static ProblemHttpResult Problem(int status, string code, string title, string? detail = null) =>
        TypedResults.Problem(detail, statusCode: status, title: title,
            extensions: new Dictionary<string, object?> { ["code"] = code });

    public static ProblemHttpResult Validation(FieldErrors errors, string code = "VALIDATION_FAILED",
        int status = StatusCodes.Status400BadRequest, string title = "One or more fields are invalid.") =>
        TypedResults.Problem(statusCode: status, title: title,
            extensions: new Dictionary<string, object?> { ["code"] = code, ["errors"] = errors.ToDictionary() });

    public static ProblemHttpResult NotFound(string code = "NOT_FOUND", string title = "Not found.") =>
        Problem(StatusCodes.Status404NotFound, code, title);

    /// <summary>Fills in <c>code</c> and <c>traceId</c> on every problem the framework or a handler writes.</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Extensions.TryAdd("code", DefaultCode(status));
        problem.Extensions.TryAdd("traceId", context.HttpContext.TraceIdentifier);
        problem.Instance ??= context.HttpContext.Request.Path;
    }
}
