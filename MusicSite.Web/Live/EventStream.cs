using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using MusicSite.Live;

namespace MusicSite.Web.Live;

/// <summary>
/// The one writer of server-sent events. A stream is opened only for a client that asks for one
/// (<c>Accept: text/event-stream</c>, as EventSource sends); anything else is a 406 at once, so a plain GET (a
/// crawler, the hostile-input walk) never hangs. It is refused with a 503 when <see cref="LiveSignals.MaxStreams"/>
/// are open (the page then polls). Then it waits on its topic, or at most <see cref="Heartbeat"/>, re-reads the
/// version and sends an event only when it changed (a comment line as heartbeat otherwise); it ends when its viewer
/// may no longer see the thing, after <see cref="Lifetime"/> (EventSource reconnects by itself), when the client
/// leaves or when the site shuts down.
/// </summary>
public sealed class EventStream(LiveSignals signals, TimeProvider time, IHostApplicationLifetime lifetime)
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private const string ContentType = "text/event-stream";

    public static bool IsWanted(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals(ContentType, StringComparison.OrdinalIgnoreCase));

    /// <summary>Streams <paramref name="eventName"/> events for <paramref name="topic"/>; <paramref name="read"/> gives the
    /// current version (null: no longer visible), <paramref name="since"/> the version the page shows.</summary>
    public async Task<IResult> RunAsync(HttpContext context, string topic, string eventName, string? since,
        Func<CancellationToken, Task<string?>> read)
    {
        if (!IsWanted(context.Request))
        {
            return TypedResults.StatusCode(StatusCodes.Status406NotAcceptable);
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var first = await read(stop.Token);
        if (first is null)
        {
            return TypedResults.NotFound();
        }
        using var lease = signals.TryOpen();
        if (lease is null)
        {
            context.Response.Headers.RetryAfter = "30";
            return TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        var response = context.Response;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        stop.CancelAfter(Lifetime);
        try
        {
            await WriteAsync(response, "retry: 5000\n\n", stop.Token);
            var last = since;
            var current = first;
            while (true)
            {
                if (current is null)
                {
                    await WriteAsync(response, "event: gone\ndata: gone\n\n", stop.Token);
                    break;
                }
                if (current != last)
                {
                    await WriteAsync(response, $"event: {eventName}\ndata: {current}\n\n", stop.Token);
                    last = current;
                }
                else
                {
                    await WriteAsync(response, ": heartbeat\n\n", stop.Token);
                }
                await signals.WaitAsync(topic, Heartbeat, time, stop.Token);
                current = await read(stop.Token);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The client left, the lifetime passed or the site is stopping: the stream just ends.
        }
        return TypedResults.Empty;
    }

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken cancellationToken)
    {
        await response.WriteAsync(text, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
