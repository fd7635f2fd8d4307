using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Lyrebird.Media.Recording.Tests")]
