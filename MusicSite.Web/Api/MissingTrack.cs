using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using MusicSite.Accounts;
using MusicSite.Catalog;
using MusicSite.Common;

namespace MusicSite.Web.Api;

/// <summary>What a track id that finds nothing answers: 410 Gone for a track the caller could see before it was
/// deleted, 404 for one that never existed or is someone else's private track.</summary>
public static class MissingTrack
{
    public static async Task<ProblemHttpResult> ProblemAsync(int id, ClaimsPrincipal user, TrackCatalog catalog,
        CancellationToken cancellationToken) =>
        await catalog.WasDeletedAsync(id, user.AsViewer(), cancellationToken)
            ? ApiProblems.Problem(ErrorCodes.TrackDeleted, "This track was deleted.")
            : ApiProblems.NotFound(ErrorCodes.TrackNotFound, "No track has this id.");
}
