import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

/** Marks a controller of HTML pages for people (not API operations): the API access matrix and the fuzz skip it. */
export const HTML_PAGE = 'sakip:htmlPage';

/** A controller that serves HTML pages: kept out of the OpenAPI document, whose operations all answer JSON. */
export const HtmlPages = () => applyDecorators(SetMetadata(HTML_PAGE, true), ApiExcludeController());
