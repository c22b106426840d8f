using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace MusicSite.Web.Api;

/// <summary>
/// The last line of defence: an unexpected exception is logged with its trace id and answered as a plain
/// 500 (ProblemDetails for the API, a short page for browsers) that reveals nothing about the cause.
/// </summary>
public sealed class UnexpectedExceptionHandler(IProblemDetailsService problems, ILogger<UnexpectedExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is BadHttpRequestException bad)
        {
            // Malformed input the framework caught (bad JSON, oversized body): the caller's mistake, not ours.
            context.Response.StatusCode = bad.StatusCode;
            return await WriteAsync(context, bad.StatusCode, "The request could not be read.", exception);
        }
        if (IsUnreadableBody(exception))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return await WriteAsync(context, StatusCodes.Status400BadRequest, "The request body could not be read.", exception);
        }
        logger.LogError(exception, "Unhandled exception for {Method} {Path} (trace {TraceId})",
            context.Request.Method, context.Request.Path, context.TraceIdentifier);
        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        return await WriteAsync(context, StatusCodes.Status500InternalServerError,
            "Something went wrong on our side.", exception);
    }

    /// <summary>
    /// A form or multipart body that the framework's own readers gave up on: cut short ("Unexpected end of
    /// Stream"), or malformed. Only exceptions thrown by those readers count, so a real disk fault stays a 500.
    /// </summary>
    public static bool IsUnreadableBody(Exception exception) =>
        exception is IOException or InvalidDataException
        && exception.Source is "Microsoft.AspNetCore.WebUtilities" or "Microsoft.AspNetCore.Http";

    private async Task<bool> WriteAsync(HttpContext context, int status, string title, Exception exception)
    {
        if (ApiProblems.IsApiRequest(context.Request))
        {
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                Exception = exception,
                ProblemDetails = new ProblemDetails { Status = status, Title = title },
            });
        }

        await ErrorPage.WriteAsync(context, title,
            $"Please try again. If it keeps happening, tell the site's administrator this reference: {context.TraceIdentifier}.");
        return true;
    }
}
