using System.Globalization;

namespace HerokuTools.Sandbox.Faults;

/// <summary>
/// The sandbox's active faults, in the order they were added; each match consumes one use, and a fault whose uses
/// are spent disappears. Thread-safe. Reached through the admin endpoint (<c>/__sandbox/faults</c>) or
/// <c>SandboxHost.Faults</c>.
/// </summary>
public sealed class FaultBook
{
    private readonly Lock _gate = new();
    private readonly List<Fault> _faults = [];
    private int _nextId;

    /// <summary>Adds a fault; throws <see cref="ArgumentException"/> when the spec is not usable.</summary>
    public FaultView Add(FaultSpec spec)
    {
        var id = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        var fault = Fault.Create(id, spec);
        lock (_gate)
        {
            _faults.Add(fault);
        }

        return fault.ToView();
    }

    public IReadOnlyList<FaultView> List()
    {
        lock (_gate)
        {
            return [.. _faults.Select(f => f.ToView())];
        }
    }

    /// <summary>Removes every fault; returns how many there were.</summary>
    public int Clear()
    {
        lock (_gate)
        {
            var count = _faults.Count;
            _faults.Clear();
            return count;
        }
    }

    public bool Remove(string id)
    {
        lock (_gate)
        {
            return _faults.RemoveAll(f => f.Id == id) > 0;
        }
    }

    /// <summary>The first fail/delay/drop fault matching the request, with one use taken; null when none.</summary>
    internal FaultSpec? TakeForRequest(string method, string path) => Take(f => f.MatchesRequest(method, path));

    /// <summary>The first fault of <paramref name="action"/> (reject_push, drop_dyno) for the app, one use taken.</summary>
    internal FaultSpec? TakeForApp(string action, string app) => Take(f => f.MatchesApp(action, app));

    private FaultSpec? Take(Func<Fault, bool> matches)
    {
        lock (_gate)
        {
            foreach (var fault in _faults)
            {
                if (matches(fault) && fault.TryConsume())
                {
                    if (fault.Spent)
                    {
                        _faults.Remove(fault);
                    }

                    return fault.Spec;
                }
            }
        }

        return null;
    }
}
