using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MusicSite.Accounts;
using MusicSite.Common;
using MusicSite.Web.Api;
using MusicSite.Web.Auth;

namespace MusicSite.Web.Endpoints;

public sealed record LoginRequest(string? Email, string? Password);
public sealed record RefreshRequest(string? RefreshToken);
public sealed record ProfileResponse(int Id, string Email, string DisplayName, string? Bio, string? AvatarUrl,
    IReadOnlyList<string> Roles, bool EmailConfirmed, DateTime CreatedAt);

/// <summary>/api/auth: register, sign in for a bearer token, refresh it, read and edit one's own profile.</summary>
public static class AuthApi
{
    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth");
        group.MapPost("/register", RegisterAsync).RequireRateLimiting(RateLimits.Login);
        group.MapPost("/login", LoginAsync).RequireRateLimiting(RateLimits.Login);
        group.MapPost("/refresh", RefreshAsync);
        group.MapGet("/me", GetMeAsync).RequireAuthorization();
        group.MapPut("/me", UpdateMeAsync).RequireAuthorization();
        group.MapPut("/me/avatar", UpdateAvatarAsync).RequireAuthorization().DisableAntiforgery();
        return group;
    }

    public static async Task<Results<Created<ProfileResponse>, ProblemHttpResult>> RegisterAsync(
        RegisterInput input, AccountService accounts, UserManager<AppUser> users, CancellationToken cancellationToken)
    {
        var result = await accounts.RegisterAsync(input, cancellationToken);
        if (!result.Succeeded)
        {
            return ApiProblems.FromResult(result.Code!, result.Errors);
        }
        return TypedResults.Created("/api/auth/me", await ToProfileAsync(result.Value!, users));
    }

    /// <summary>Answers with <c>{ tokenType, accessToken, expiresIn, refreshToken }</c> written by the bearer handler.</summary>
    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> LoginAsync(
        LoginRequest request, SignInManager<AppUser> signIn)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
        {
            var errors = new FieldErrors();
            if (string.IsNullOrWhiteSpace(request.Email)) errors.Add("email", "Enter your email address.");
            if (string.IsNullOrEmpty(request.Password)) errors.Add("password", "Enter your password.");
            return ApiProblems.Validation(errors);
        }

        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var result = await SignInFlow.PasswordSignInAsync(signIn, request.Email, request.Password, persistent: false);
        if (result.Succeeded)
        {
            return TypedResults.Empty;
        }
        return result.IsLockedOut
            ? ApiProblems.Problem(ErrorCodes.AccountLocked, "This account is locked.",
                SignInFlow.LockedOutMessage)
            : ApiProblems.Problem(ErrorCodes.InvalidCredentials, "Email or password is incorrect.");
    }

    public static async Task<Results<SignInHttpResult, ProblemHttpResult>> RefreshAsync(RefreshRequest request,
        SignInManager<AppUser> signIn, IOptionsMonitor<BearerTokenOptions> bearerOptions, TimeProvider clock)
    {
        var protector = bearerOptions.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
        var ticket = string.IsNullOrEmpty(request.RefreshToken) ? null : protector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || expires < clock.GetUtcNow()
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user)
        {
            return ApiProblems.Problem(ErrorCodes.InvalidRefreshToken,
                "The refresh token is invalid or has expired. Sign in again.");
        }
        var principal = await signIn.CreateUserPrincipalAsync(user);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    public static async Task<Results<Ok<ProfileResponse>, ProblemHttpResult>> GetMeAsync(ClaimsPrincipal principal,
        UserManager<AppUser> users)
    {
        var user = await CurrentUserAsync(principal, users);
        return user is null
            ? ApiProblems.Problem(ErrorCodes.Unauthorized, "Sign in first.")
            : TypedResults.Ok(await ToProfileAsync(user, users));
    }

    public static async Task<Results<Ok<ProfileResponse>, ProblemHttpResult>> UpdateMeAsync(ProfileInput input,
        ClaimsPrincipal principal, AccountService accounts, UserManager<AppUser> users)
    {
        if (principal.UserId() is not { } id)
        {
            return ApiProblems.Problem(ErrorCodes.Unauthorized, "Sign in first.");
        }
        var result = await accounts.UpdateProfileAsync(id, input);
        return result.Succeeded ? TypedResults.Ok(await ToProfileAsync(result.Value!, users)) : ApiProblems.FromResult(result.Code!, result.Errors);
    }

    /// <summary>Multipart upload with one file field, <c>avatar</c>: JPEG, PNG or WebP.</summary>
    public static async Task<Results<Ok<ProfileResponse>, ProblemHttpResult>> UpdateAvatarAsync(HttpRequest request,
        ClaimsPrincipal principal, AccountService accounts, UserManager<AppUser> users, CancellationToken cancellationToken)
    {
        if (principal.UserId() is not { } id)
        {
            return ApiProblems.Problem(ErrorCodes.Unauthorized, "Sign in first.");
        }
        if (!request.HasFormContentType)
        {
            return ApiProblems.Problem(ErrorCodes.UnsupportedMediaType,
                "Send the image as multipart/form-data in a field named 'avatar'.");
        }
        var form = await request.ReadFormAsync(cancellationToken);
        if (form.Files.GetFile("avatar") is not { } file)
        {
            return ApiProblems.Validation(new FieldErrors().Add("avatar", "Choose an image file."));
        }
        await using var stream = file.OpenReadStream();
        var result = await accounts.SetAvatarAsync(id, stream, cancellationToken);
        if (result.Succeeded)
        {
            return TypedResults.Ok(await ToProfileAsync(result.Value!, users));
        }
        return ApiProblems.FromResult(result.Code!, result.Errors);
    }

    private static async Task<AppUser?> CurrentUserAsync(ClaimsPrincipal principal, UserManager<AppUser> users) =>
        principal.UserId() is { } id ? await users.Users.FirstOrDefaultAsync(u => u.Id == id) : null;

    private static async Task<ProfileResponse> ToProfileAsync(AppUser user, UserManager<AppUser> users) =>
        new(user.Id, user.Email ?? "", user.DisplayName, user.Bio,
            user.AvatarPath is null ? null : $"/api/users/{user.Id}/avatar",
            (await users.GetRolesAsync(user)).Order().ToList(), user.EmailConfirmed, user.CreatedAt);
}
