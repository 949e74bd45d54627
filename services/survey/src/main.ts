import { runService } from '@fg/platform';
import { AppModule } from './app.module';
import { SURVEY_APP, SURVEY_DEFAULT_PORT } from './app-info';

void runService(AppModule, SURVEY_APP, SURVEY_DEFAULT_PORT);
