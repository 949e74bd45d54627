import { runService } from '@fg/platform';
import { AppModule } from './app.module';
import { RATING_APP, RATING_DEFAULT_PORT } from './app-info';

void runService(AppModule, RATING_APP, RATING_DEFAULT_PORT);
