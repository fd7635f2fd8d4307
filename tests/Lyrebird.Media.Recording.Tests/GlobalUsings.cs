global using Lyrebird.Media.Recording;
global using Lyrebird.Testing;
