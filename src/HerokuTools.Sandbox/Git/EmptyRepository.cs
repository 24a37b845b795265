using System.Text;
using Microsoft.AspNetCore.Http;

namespace HerokuTools.Sandbox.Git;

/// <summary>What git smart HTTP says for a repository that does not exist yet: no refs (an empty repository).</summary>
internal static class EmptyRepository
{
    // pkt-lines: the service announcement, a flush, then the ref list: none, so only its closing flush.
    private static readonly byte[] UploadPackAdvertisement = Encoding.ASCII.GetBytes("001e# service=git-upload-pack\n0000" + "0000");

    /// <summary>
    /// <c>GET info/refs?service=git-upload-pack</c>: an advertisement without refs. A fetch request (which a client
    /// does not send when there are no refs) is answered "not found".
    /// </summary>
    public static async Task AnswerAsync(HttpContext context, bool advertisement)
    {
        var response = context.Response;
        response.Headers.CacheControl = "no-cache";
        if (!advertisement)
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            response.ContentType = "text/plain; charset=utf-8";
            await response.WriteAsync("Repository is empty.\n", context.RequestAborted);
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/x-git-upload-pack-advertisement";
        await response.Body.WriteAsync(UploadPackAdvertisement, context.RequestAborted);
    }
}
