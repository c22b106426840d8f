using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MusicSite.Hosting;

/// <summary>A step at which a crash drill may kill the site.</summary>
public enum FaultPoint
{
    /// <summary>A new track's original is in its media folder; its row is not committed yet.</summary>
    AfterOriginalStored,
}

/// <summary>Crash drills, bound from <c>MusicSite:Faults</c> (<c>MusicSite__Faults__CrashAfterOriginalStored=true</c>).
/// Every one is off unless set; a real site never sets them.</summary>
public sealed class FaultOptions
{
    public const string SectionName = "MusicSite:Faults";

    public bool CrashAfterOriginalStored { get; set; }
}

/// <summary>
/// Lets a test kill the real site at an exact step, as <c>kill -9</c> would but without racing for the moment, to
/// prove that the next start repairs what that crash leaves behind.
/// </summary>
public sealed class FaultPoints(IOptions<FaultOptions> options, ILogger<FaultPoints> logger)
{
    public void Reach(FaultPoint point)
    {
        var crash = point switch
        {
            FaultPoint.AfterOriginalStored => options.Value.CrashAfterOriginalStored,
            _ => false,
        };
        if (!crash)
        {
            return;
        }
        logger.LogCritical("Crash drill: killing the process at {FaultPoint}", point);
        // SIGKILL to itself: no finally blocks, no disposal, no shutdown, exactly what an operator's kill -9 does.
        Process.GetCurrentProcess().Kill();
        Environment.FailFast($"Crash drill at {point}");
    }
}
