using Docker.DotNet;
using Docker.DotNet.Models;

namespace JugendLab.IntegrationTests.Infrastructure;

/// <summary>
/// A throwaway container from the local Debian image on a given network, to try connections from where youth code runs.
/// (Testcontainers would fit, but its Docker.DotNet.Enhanced ships an assembly named like Docker.DotNet and cannot sit
/// beside the platform's Docker.DotNet in one output folder.)
/// </summary>
public sealed class ProbeContainer : IAsyncDisposable
{
    private readonly DockerClient _docker;
    private readonly string _id;

    private ProbeContainer(DockerClient docker, string id)
    {
        _docker = docker;
        _id = id;
    }

    public static async Task<ProbeContainer> StartAsync(DockerClient docker, string network)
    {
        var created = await docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = "jugendlab/debian:bookworm",
            Cmd = ["sleep", "300"],
            User = "10001:10001",
            HostConfig = new HostConfig { NetworkMode = network, CapDrop = ["ALL"], AutoRemove = false },
        });
        await docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
        return new ProbeContainer(docker, created.ID);
    }

    public async Task<string> ExecAsync(string script)
    {
        var exec = await _docker.Exec.ExecCreateContainerAsync(_id, new ContainerExecCreateParameters
        {
            Cmd = ["bash", "-c", script], AttachStdout = true, AttachStderr = true,
        });
        using var stream = await _docker.Exec.StartAndAttachContainerExecAsync(exec.ID, false);
        var (stdout, stderr) = await stream.ReadOutputToEndAsync(CancellationToken.None);
        return stdout + stderr;
    }

    public async ValueTask DisposeAsync() =>
        await _docker.Containers.RemoveContainerAsync(_id, new ContainerRemoveParameters { Force = true });
}
