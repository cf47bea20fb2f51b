// printf with floats and doubles: %f %e %g %E %G with precisions, widths, flags, float promotion, snprintf round-trips.
#include <stdio.h>
#include <string.h>

int main(void) {
    double ds[] = {0.0, -0.0, 1.0, -1.0, 0.5, 0.1, 1.0 / 3.0, 2.0 / 3.0, 123456.789, 1e-7, 1.5e-300, 6.02214076e23, 1e300, 9.999999, 0.000123456};
    int nd = (int)(sizeof ds / sizeof ds[0]);
    for (int i = 0; i < nd; i++) {
        double d = ds[i];
        printf("%f|%.0f|%.3f|%.12f|%e|%.2e|%g|%.3g|%.10g|%G\n", d, d, d, d, d, d, d, d, d, d);
    }
    float fs[] = {1.1f, 3.14159265f, -2.5f, 16777216.0f, 16777217.0f, 1e-10f, 3.4e38f};
    for (int i = 0; i < 7; i++) printf("float %.9g %f %e\n", (double)fs[i], fs[i], fs[i]);
    printf("widths [%10.3f] [%-10.3f] [%+.2f] [% .2f] [%010.4f] [%#.0f] [%#g]\n", 3.14159, 3.14159, 2.5, 2.5, -1.5, 3.0, 1.0);
    printf("rounding %.0f %.0f %.0f %.0f %.1f %.1f %.2f\n", 0.5, 1.5, 2.5, -0.5, 0.25, 0.35, 1.005);
    printf("star [%*.*f] [%-*.*e]\n", 12, 4, 2.718281828, 14, 3, 2.718281828);
    printf("%%g switch %g %g %g %g %g\n", 100000.0, 1000000.0, 1e-4, 1e-5, 123456789.0);
    char buf[64];
    for (int p = 1; p <= 17; p += 4) {
        snprintf(buf, sizeof buf, "%.*g", p, 0.1 + 0.2);
        printf("p=%d %s len %d\n", p, buf, (int)strlen(buf));
    }
    double acc = 1.0;
    for (int i = 0; i < 20; i++) { acc *= 2.5; printf("%.4e ", acc); }
    printf("\n");
    return 0;
}
