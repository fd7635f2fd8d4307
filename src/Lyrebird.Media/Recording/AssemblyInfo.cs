using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Lyrebird.Media.Recording.Tests")]
[assembly: InternalsVisibleTo("Lyrebird.Benchmarks")]
