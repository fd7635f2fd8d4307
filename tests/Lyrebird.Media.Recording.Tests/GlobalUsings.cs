global using Lyrebird.Media.Recording;
